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
  /**
   * False when any finding is an error: in strict mode any failing field; in lenient mode
   * a failing required attribute or primary key (other fields are dropped with a warning).
   */
  ok: boolean;
  /** True when the record is not this model (the mapping's `when` does not hold): not mapped. */
  skipped?: true;
  /** Why a skipped record was skipped. */
  reason?: string;
  attributes: Record<string, unknown>;
  findings: MappingFinding[];
}

/** Options of `applyMapping` and `interpretMapping`. */
export interface ApplyOptions {
  /** Default `lenient`. */
  mode?: MappingMode;
}
