import type { CompiledMapping } from './compileMapping.js';
import { newAttributes } from './newAttributes.js';
import { RunContext } from './runContext.js';
import type { ApplyOptions, MappingResult } from './types.js';

/**
 * Maps one raw record with a compiled mapping (README "Evaluating one field" and "Modes").
 * Never throws on payload content. `attributes` is built without a prototype chain.
 */
export function applyMapping(
  compiled: CompiledMapping,
  record: unknown,
  options: ApplyOptions = {},
): MappingResult {
  const context = new RunContext(options.mode ?? 'lenient');
  const attributes = newAttributes();
  const fields = compiled.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field) field.run(record, context, attributes);
  }
  const findings = context.findings;
  let ok = true;
  if (context.strict) {
    for (let i = 0; i < findings.length && ok; i++)
      if (findings[i]?.severity === 'error') ok = false;
  }
  return { ok, attributes, findings };
}

/** Summary and per-record results of `applyMappingBatch`. */
export interface BatchResult {
  results: MappingResult[];
  /** Records with `ok: true`. */
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
