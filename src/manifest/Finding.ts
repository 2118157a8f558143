/** How bad a finding is: an error makes the manifest invalid, a warning does not. */
export type Severity = 'error' | 'warning';

/**
 * One problem found in a manifest, as data. Validation never throws: it collects every
 * finding, and formatting (text, JSON, GitHub annotations) is done apart from finding.
 */
export interface Finding {
  /** Path of the manifest file as the caller named it (registry-relative where possible). */
  file: string;
  /** 1-based line of the offending value (or of its parent when the value is missing). */
  line: number;
  /** 1-based column. */
  column: number;
  /** RFC 6901 JSON pointer of the offending value; "" is the whole document. */
  pointer: string;
  /** Stable rule id, documented in docs/manifest-format.md ("json-syntax", "unknown-entity-type", ...). */
  rule: string;
  /** What is wrong and how to fix it, in words a contributor understands. */
  message: string;
  severity: Severity;
}

/** True when any finding is an error. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
