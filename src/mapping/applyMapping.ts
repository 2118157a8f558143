import type { CompiledMapping } from './compileMapping.js';
import { MAX_ITEMS } from './limits.js';
import { messages } from './messages.js';
import { newAttributes } from './newAttributes.js';
import { RunContext } from './runContext.js';
import type { ApplyOptions, MappingResult } from './types.js';

/** The default options, shared: a `= {}` default would allocate an object on every call of the hot path. */
const NO_OPTIONS: ApplyOptions = Object.freeze({});

/** The record inside a single envelope (`{"ticket": {...}}`), else the payload itself. */
function unwrapSingle(compiled: CompiledMapping, payload: unknown): unknown {
  if (!compiled.single) return payload;
  const inner = compiled.single(payload);
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner : payload;
}

/** Why a record is not this model (the first `when` condition that fails), or undefined. */
function skipReason(compiled: CompiledMapping, record: unknown): string | undefined {
  const when = compiled.when;
  if (when === null) return messages.whenInvalid('a condition is invalid');
  for (let i = 0; i < when.length; i++) {
    const w = when[i];
    if (w && !w.test(record, record)) return messages.recordSkipped(w.condition, i, when.length);
  }
  return undefined;
}

/**
 * Maps one raw record with a compiled mapping (README "Evaluating one field", "Modes" and
 * "Records a mapping applies to"). A single envelope is unwrapped first; a record that
 * fails the mapping's `when` is returned `skipped` with no attributes. Never throws on
 * payload content. `attributes` is built without a prototype chain.
 */
export function applyMapping(
  compiled: CompiledMapping,
  payload: unknown,
  options: ApplyOptions = NO_OPTIONS,
): MappingResult {
  const record = unwrapSingle(compiled, payload);
  if (compiled.when === null || compiled.when.length > 0) {
    const reason = skipReason(compiled, record);
    if (reason !== undefined)
      return { ok: true, skipped: true, reason, attributes: newAttributes(), findings: [] };
  }
  const context = new RunContext(options.mode ?? 'lenient');
  const attributes = newAttributes();
  const runFields = compiled.runFields;
  if (runFields !== undefined) runFields(record, context, attributes);
  else {
    const fields = compiled.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      if (field) field.run(record, context, attributes);
    }
  }
  const findings = context.findings;
  // In lenient mode only a critical field (required, or the primary key) records errors.
  let ok = true;
  for (let i = 0; i < findings.length && ok; i++) if (findings[i]?.severity === 'error') ok = false;
  return { ok, attributes, findings };
}

/**
 * The records of one vendor response: the elements of the mapping's list envelope
 * (`{"tickets": [...]}`, at most MAX_ITEMS), else the payload as one record.
 */
export function recordsOf(compiled: CompiledMapping, payload: unknown): unknown[] {
  if (compiled.list) {
    const list = compiled.list(payload);
    if (Array.isArray(list)) return list.length > MAX_ITEMS ? list.slice(0, MAX_ITEMS) : list;
  }
  return [payload];
}

/** Maps one vendor response: every record of its envelope (see recordsOf), in order. */
export function mapPayload(
  compiled: CompiledMapping,
  payload: unknown,
  options: ApplyOptions = {},
): MappingResult[] {
  return recordsOf(compiled, payload).map((record) => applyMapping(compiled, record, options));
}

/** Summary and per-record results of `applyMappingBatch`. */
export interface BatchResult {
  results: MappingResult[];
  /** Records with `ok: true` (skipped records included). */
  okCount: number;
  failedCount: number;
}

/** Maps many records with the same compiled mapping and mode; results keep the input order. */
export function applyMappingBatch(
  compiled: CompiledMapping,
  records: Iterable<unknown>,
  options: ApplyOptions = {},
): BatchResult {
  const results: MappingResult[] = [];
  let okCount = 0;
  for (const record of records) {
    const result = applyMapping(compiled, record, options);
    if (result.ok) okCount++;
    results.push(result);
  }
  return { results, okCount, failedCount: results.length - okCount };
}
