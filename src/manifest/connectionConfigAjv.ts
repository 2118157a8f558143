import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { re2RegExpEngine } from './manifestPattern.js';

/**
 * The ajv instance for connection config schemas, shared by the manifest rule that checks
 * them (checkConnectionConfig) and the connection store that validates configs against
 * them, so a schema the validator accepts is one the store can use: strict draft 2020-12,
 * formats, the `x-secret` annotation, and patterns on RE2 (see manifestPattern.ts).
 * `validateSchema: false` skips checking each schema against the draft's meta-schema: for the
 * store only, whose schemas all passed the manifest rule at sync time (compiling the
 * meta-schema cost about 0.4 s of the first `/readyz` after a start: docs/performance.md).
 */
export function createConnectionConfigAjv(options: { validateSchema?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    validateSchema: options.validateSchema ?? true,
    strict: true,
    strictRequired: false,
    allErrors: true,
    code: { regExp: re2RegExpEngine },
  });
  addFormats.default(ajv);
  ajv.addKeyword('x-secret');
  // Earlier names of a property; read by `regsync connections migrate-operator-fields`.
  ajv.addKeyword('x-renamedFrom');
  return ajv;
}
