/**
 * Run by src/mapping/codegen/generatedCode.test.ts in a child process started with
 * `--disallow-code-generation-from-strings`: compiles the fixture mapping given as the
 * first argument, maps its records, and prints what it got as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { applyMapping } from '../../src/mapping/applyMapping.js';
import { compileMapping } from '../../src/mapping/compileMapping.js';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import { codegenAvailable } from '../../src/mapping/codegen/generateFieldsRunner.js';

const fixture = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as {
  mapping: Parameters<typeof compileMapping>[0];
  entityType: Parameters<typeof compileMapping>[1];
  records: unknown[];
};
const compiled = compileMapping(fixture.mapping, fixture.entityType, {
  plugins: defaultPluginRegistry(),
});
const results = fixture.records.map((record) =>
  (['strict', 'lenient'] as const).map((mode) => applyMapping(compiled, record, { mode })),
);
process.stdout.write(
  JSON.stringify({
    generated: compiled.runFields !== undefined,
    available: codegenAvailable(),
    results,
  }) + '\n',
);
