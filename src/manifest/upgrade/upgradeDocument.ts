import { stepsFrom, type JsonEdit, type JsonPath } from './upgradeSteps.js';

/** The result of upgrading a parsed document in memory. */
export interface UpgradedDocument {
  doc: Record<string, unknown>;
  /** The version the document had, when steps ran; undefined when it was current. */
  upgradedFrom?: string;
}

/**
 * Applies every step from the document's manifestVersion to the current one, copy-on-write:
 * the input is never modified, each edit rebuilds only the objects and arrays on its path,
 * and every subtree no edit touches is shared between the input and the result (so neither
 * may be mutated afterwards without affecting the other). Key order follows the edits'
 * `before` hints, as the file rewrite does, so the upgraded object equals what parsing the
 * rewritten file gives. Unknown versions come back unchanged (the validator reports them).
 */
export function upgradeDocument(doc: Readonly<Record<string, unknown>>): UpgradedDocument {
  const version = typeof doc.manifestVersion === 'string' ? doc.manifestVersion : undefined;
  const steps = version === undefined ? undefined : stepsFrom(version);
  if (!steps || steps.length === 0) return { doc: doc as Record<string, unknown> };
  // No deep copy: `update` already rebuilds what an edit changes, and a full scan upgrades
  // every manifest of an older registry (structuredClone was a fifth of validation there).
  let current = doc as Record<string, unknown>;
  for (const step of steps) {
    for (const edit of step.edits(current)) current = applyEdit(current, edit);
  }
  return { doc: current, upgradedFrom: version };
}

function applyEdit(doc: Record<string, unknown>, edit: JsonEdit): Record<string, unknown> {
  return update(doc, edit.path, 0, edit) as Record<string, unknown>;
}

/** Rebuilds the objects along `path` from `depth` on, applying the edit at its end (keeps key order). */
function update(node: unknown, path: JsonPath, depth: number, edit: JsonEdit): unknown {
  const head = path[depth];
  if (head === undefined) return node;
  const last = depth === path.length - 1;
  if (Array.isArray(node) && typeof head === 'number') {
    const copy = [...node];
    copy[head] = last
      ? edit.op === 'set'
        ? edit.value
        : undefined
      : update(copy[head], path, depth + 1, edit);
    return copy;
  }
  const object = (node ?? {}) as Record<string, unknown>;
  const key = String(head);
  const out: Record<string, unknown> = {};
  if (!last) {
    for (const [k, v] of Object.entries(object))
      define(out, k, k === key ? update(v, path, depth + 1, edit) : v);
    return out;
  }
  if (edit.op === 'remove') {
    for (const [k, v] of Object.entries(object)) if (k !== key) define(out, k, v);
    return out;
  }
  const exists = Object.hasOwn(object, key);
  for (const [k, v] of Object.entries(object)) {
    if (!exists && edit.before === k) define(out, key, edit.value);
    define(out, k, k === key ? edit.value : v);
  }
  if (!Object.hasOwn(out, key)) define(out, key, edit.value);
  return out;
}

/** Own data property even for "__proto__" (plain assignment would set the prototype). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment makes the same own, enumerable, writable property for every other key,
  // at a fraction of defineProperty's cost (every key of an upgraded object passes here).
  if (key !== '__proto__') {
    target[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
