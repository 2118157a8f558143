import { canonicalJson } from '../checksum.js';
import { DIFF_RULES } from './diffRules.js';
import type { DiffRuleId } from './diffRules.js';
import type { ManifestChange, ManifestRef } from './ManifestChange.js';

/** Collects the changes of one manifest; area, kind and severity come from the rule. */
export class ChangeSink {
  readonly changes: ManifestChange[] = [];

  constructor(readonly manifest: ManifestRef) {}

  add(
    rule: DiffRuleId,
    path: string,
    reason: string,
    values: { before?: unknown; after?: unknown } = {},
  ): void {
    const { area, kind, severity } = DIFF_RULES[rule];
    this.changes.push({
      manifest: this.manifest,
      rule,
      area,
      kind,
      path,
      ...('before' in values && values.before !== undefined ? { before: values.before } : {}),
      ...('after' in values && values.after !== undefined ? { after: values.after } : {}),
      severity,
      reason,
    });
  }
}

/** Deep equality through canonical JSON (key order never matters). */
export function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** Keys of two keyed collections, in code-unit order (deterministic output). */
export function unionKeys<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort(byCodeUnit);
}

/** Compares strings by UTF-16 code units, the locale-free order every diff list is sorted in. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Items of a list by their `key` (the validator guarantees keys are unique). */
export function byKey<T extends { key: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.key, item]));
}

/** A value for a reason text: `"x"` for strings, JSON otherwise, shortened. */
export function show(value: unknown): string {
  const text = value === undefined ? 'unset' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Compares the named fields of two objects and reports each that differs as
 * `metadata-changed` (descriptions, display names, semantic metadata, tags...).
 */
export function diffMetadata(
  sink: ChangeSink,
  path: string,
  before: object,
  after: object,
  fields: readonly string[],
): void {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const field of fields) {
    if (same(a[field], b[field])) continue;
    sink.add(
      'metadata-changed',
      join(path, field),
      `${field} changed; descriptive only, no consumer depends on it.`,
      {
        before: a[field],
        after: b[field],
      },
    );
  }
}

/** Joins path segments, skipping empty ones. */
export function join(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}
