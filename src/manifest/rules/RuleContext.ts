import type { DataType } from '../types.js';
import type { LocateTarget } from '../parseJsonDocument.js';
import type { RuleId } from '../ruleCatalog.js';
import type { DocumentWalks } from './DocumentWalks.js';

/** A plugin as the validator sees it: its declared output type, and its options check. */
export interface PluginInfo {
  output: DataType | 'any';
  /** The plugin's own check of a transform's `options`: a problem message, or undefined. */
  checkOptions?(options: Readonly<Record<string, unknown>>): string | undefined;
}

/** What every semantic rule reads. `doc` may be schema-invalid: rules check shapes as they go. */
export interface RuleContext {
  /** The parsed document, known only to be a JSON object. */
  doc: Record<string, unknown>;
  /** The folder the manifest lives in, when known. */
  folder?: { kindFolder: 'integrations' | 'templates'; name: string };
  /** Registered plugins; when absent, plugin names are not checked. */
  plugins?: ReadonlyMap<string, PluginInfo>;
  /** Walks shared by the rules of one validation of `doc` (see DocumentWalks); absent: each rule walks. */
  walks?: DocumentWalks;
}

/** One semantic problem, before it is located in the text. Severity comes from the catalog. */
export interface RuleIssue {
  rule: RuleId;
  pointer: string;
  message: string;
  /** Point at the property key instead of its value. */
  at?: LocateTarget;
}

/** A semantic rule: pure, never throws, tolerant of any JSON shape. */
export type Rule = (ctx: RuleContext) => RuleIssue[];
