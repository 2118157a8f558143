import type { Severity } from '../manifest/Finding.js';

/** How findings affect a record: see README "Modes". */
export type MappingMode = 'strict' | 'lenient';

/**
 * One problem met while compiling or applying a mapping, as data. `attribute` names the
 * target (`lineItems[2].amount` inside `mapEach`), `source` the path or origin kind
 * (`concat`, `template`, `const`), `rule` a stable id documented in README.md.
 */
export interface MappingFinding {
  attribute: string;
  source: string;
  rule: string;
  message: string;
  severity: Severity;
}

/** The outcome of mapping one record. `attributes` has no prototype chain. */
export interface MappingResult {
  /** False only in strict mode, when any finding is an error. */
  ok: boolean;
  attributes: Record<string, unknown>;
  findings: MappingFinding[];
}

/** Options of `applyMapping` and `interpretMapping`. */
export interface ApplyOptions {
  /** Default `lenient`. */
  mode?: MappingMode;
}
