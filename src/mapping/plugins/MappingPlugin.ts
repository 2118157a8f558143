import type { DataType } from '../../manifest/types.js';

/** What a plugin sees besides its value. */
export interface PluginContext {
  /** The record being mapped (the element inside `mapEach`). */
  readonly record: unknown;
  /** Reads a source path (dot path or JSONPath) from the record, own properties only. */
  read(path: string): unknown;
}

/** A plugin's answer: a value, or the reason its input was not acceptable. */
export type PluginOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * A named transform implemented in code, referenced by manifests as
 * `{ "plugin": "<name>", "options": {...} }`. Plugins are pure and synchronous: no I/O,
 * no clock. The engine never calls `apply` with `undefined` or `null` (they pass through).
 */
export interface MappingPlugin {
  /** Kebab-case name, as manifests spell it. */
  readonly name: string;
  /** One sentence for `regsync` help and the docs. */
  readonly description: string;
  /** What `apply` yields. */
  readonly output: DataType | 'any';
  /** Checks options once, at compile time: a problem message, or undefined when fine. */
  checkOptions?(options: Readonly<Record<string, unknown>>): string | undefined;
  apply(
    value: unknown,
    options: Readonly<Record<string, unknown>>,
    context: PluginContext,
  ): PluginOutcome;
}

/** Shorthand for a successful outcome. */
export function pluginValue(value: unknown): PluginOutcome {
  return { ok: true, value };
}

/** Shorthand for a refused input. */
export function pluginFailure(message: string): PluginOutcome {
  return { ok: false, message };
}
