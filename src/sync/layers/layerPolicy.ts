/**
 * Which source's copy of a key is served, when several sources have one (layered
 * registries, issue 14). Pure: it decides from the configured order and rights and from
 * which sources have a valid copy; the sync steps and the reconciliation write what it says.
 *
 * Rules, in order:
 * 1. A copy is not served when a LATER source hides its key (`hide`).
 * 2. Of the copies left, the earliest is served, unless a later one has the right to
 *    override it (`override: true`, or a list naming the key); then that later one is, and
 *    so on down the list.
 * 3. A later copy without that right is a collision: recorded as invalid with a
 *    `key-collision` finding naming both sources and paths; the earlier one stays served.
 */
import type { Finding } from '../../manifest/Finding.js';
import { kindAndKeyOfPath } from '../../manifest/registryLayout.js';

/** What a source may do to the copies of earlier sources. */
export interface LayerRights {
  /** `true`: may replace any earlier source's copy; a list: only of these keys; `false`: none. */
  override: boolean | readonly string[];
  /** Keys of earlier sources this source does not want served. */
  hide: readonly string[];
}

/** One configured source as the policy sees it. */
export interface LayerInfo {
  /** The configured name (what findings, the API and the docs say). */
  name: string;
  /** What the database records (equal to the name except for the adopting first source). */
  origin: string;
  /** Place in the list, 0 first; later sources overlay earlier ones. */
  position: number;
  rights: LayerRights;
}

/** A source's copy of one path. */
export interface Copy {
  layer: LayerInfo;
  path: string;
}

/** Where one source's copy of a path stands. */
export type Placement =
  | { kind: 'serve' }
  | { kind: 'shadow'; detail: string }
  | { kind: 'collision'; finding: Finding; with: Copy };

/**
 * True when `list` names the key of `path`: a bare key (`hubspot`, either kind) or the
 * registry folder (`integrations/hubspot`, one kind).
 */
export function namesKey(list: readonly string[], path: string): boolean {
  const id = kindAndKeyOfPath(path);
  if (!id) return false;
  const folder = `${id.kind === 'integration' ? 'integrations' : 'templates'}/${id.key}`;
  return list.some((entry) => entry === id.key || entry === folder);
}

/** True when `layer` may replace an earlier source's copy of `path`. */
export function mayOverride(layer: LayerInfo, path: string): boolean {
  const { override } = layer.rights;
  return override === true || (Array.isArray(override) && namesKey(override, path));
}

/** The later source that hides `copy`, if any. */
export function hiddenBy(copy: Copy, layers: readonly LayerInfo[]): LayerInfo | undefined {
  return layers.find((l) => l.position > copy.layer.position && namesKey(l.rights.hide, copy.path));
}

/** The `key-collision` finding of a later copy that may not replace the served one. */
export function collisionFinding(later: Copy, served: Copy): Finding {
  return {
    file: later.path,
    line: 1,
    column: 1,
    pointer: '',
    rule: 'key-collision',
    message:
      `source "${later.layer.name}" (${later.path}) defines the same key as source ` +
      `"${served.layer.name}" (${served.path}), which comes earlier and stays served; ` +
      `give "${later.layer.name}" the right to override it, hide the key upstream, or rename it`,
    severity: 'error',
  };
}

/**
 * Places every copy of one path: `copies` are the sources that have a valid copy of it (in
 * any order, one per source). Returns one placement per copy, by origin, and the served
 * copy (undefined when every copy is hidden).
 */
export function placeCopies(
  copies: readonly Copy[],
  layers: readonly LayerInfo[],
): { served: Copy | undefined; placements: Map<string, Placement> } {
  const placements = new Map<string, Placement>();
  const ordered = [...copies].sort((a, b) => a.layer.position - b.layer.position);
  let served: Copy | undefined;
  const overridden: Copy[] = [];
  for (const copy of ordered) {
    const hider = hiddenBy(copy, layers);
    if (hider) {
      placements.set(copy.layer.origin, {
        kind: 'shadow',
        detail: `hidden by source "${hider.name}"`,
      });
      continue;
    }
    if (!served) served = copy;
    else if (mayOverride(copy.layer, copy.path)) {
      overridden.push(served);
      served = copy;
    } else
      placements.set(copy.layer.origin, {
        kind: 'collision',
        finding: collisionFinding(copy, served),
        with: served,
      });
  }
  if (served) placements.set(served.layer.origin, { kind: 'serve' });
  for (const copy of overridden)
    placements.set(copy.layer.origin, {
      kind: 'shadow',
      detail: `overridden by source "${served?.layer.name ?? ''}" (${served?.path ?? ''})`,
    });
  return { served, placements };
}
