import { openApiDocument } from './document.js';
import { joinPointer } from '../../manifest/jsonPointer.js';

/** The committed snapshot of the served document, relative to the repository root. */
export const SNAPSHOT_PATH = 'openapi/openapi.json';

/** The command that rewrites the snapshot from the sources (named in every failure). */
export const SNAPSHOT_REFRESH_COMMAND = 'npm run openapi:snapshot';

/**
 * The snapshot's text: the document `/openapi.json` serves with the default settings, pretty
 * printed so that a pull request shows a readable diff of the contract.
 */
export function renderSnapshot(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

/** How many differing pointers a drift message lists before it says "and N more". */
const SHOWN = 20;

/**
 * The JSON pointers at which `served` and `committed` differ (a value changed, or a member
 * or item present on one side only), in document order, served side first. Empty when the
 * two are the same JSON (member order aside, which JSON gives no meaning).
 */
export function snapshotDrift(served: unknown, committed: unknown): string[] {
  const found: string[] = [];
  walk(served, committed, '', found);
  return found;
}

function walk(a: unknown, b: unknown, pointer: string, found: string[]): void {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(a) !== kind(b)) {
    found.push(pointer || '/');
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      if (i >= a.length || i >= b.length) found.push(`${pointer}/${i}`);
      else walk(a[i], b[i], `${pointer}/${i}`, found);
    return;
  }
  if (kind(a) === 'object') {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const at = joinPointer(pointer, key);
      if (!(key in left) || !(key in right)) found.push(at);
      else walk(left[key], right[key], at, found);
    }
    return;
  }
  if (a !== b) found.push(pointer || '/');
}

/**
 * The failure message for a served document that is not the committed snapshot: the file,
 * the pointers that differ (at most SHOWN of them) and the command that refreshes it; or
 * undefined when they agree.
 */
export function describeSnapshotDrift(served: unknown, committed: unknown): string | undefined {
  const drift = snapshotDrift(served, committed);
  if (drift.length === 0) return undefined;
  const more = drift.length > SHOWN ? `\n  … and ${drift.length - SHOWN} more` : '';
  return (
    `${SNAPSHOT_PATH} differs from the document the service serves at ${drift.length} place(s):\n` +
    drift
      .slice(0, SHOWN)
      .map((p) => `  ${p}`)
      .join('\n') +
    `${more}\nIf the change is intended, run \`${SNAPSHOT_REFRESH_COMMAND}\`, review the diff of ${SNAPSHOT_PATH} (\`regsync api-diff\` classifies it) and commit it.`
  );
}
