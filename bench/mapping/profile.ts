/** Profiles the engine alone: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/mapping/profile.ts`. */
import { applyMapping } from '../../src/mapping/applyMapping.js';
import { compileMapping } from '../../src/mapping/compileMapping.js';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import { contactEntity, contactMapping, makeContacts } from './contactMapping.js';

const records = makeContacts(Number(process.argv[2] ?? 20_000));
const compiled = compileMapping(contactMapping, contactEntity, {
  plugins: defaultPluginRegistry(),
});
let sink = 0;
const start = performance.now();
for (let r = 0; r < 10; r++)
  for (const record of records) sink += applyMapping(compiled, record).findings.length;
console.log(`${((performance.now() - start) / 10).toFixed(1)} ms per pass, sink ${sink}`);
