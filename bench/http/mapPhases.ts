/**
 * Where the time of one 1 MB map request goes, on the main thread: JSON.parse of the body,
 * the body's schema check, mapping 1,000 Gmail records, JSON.stringify of the answer, and
 * the structured clone a worker pool would add in each direction; and what the map route does
 * instead of the one JSON.parse (the depth scan and the records split, each one block, and
 * the longest slice of 50 records parsed between two event-loop turns: parseMapBody.ts).
 * Medians of 15 runs, in milliseconds. `node --import tsx bench/http/mapPhases.ts`
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CachedMappingService } from '../../src/http/adapters/CachedMappingService.js';
import { compileBodyValidator } from '../../src/http/openapi/validateBody.js';
import { mapRequestSchema } from '../../src/http/openapi/schemas.js';
import type { IntegrationManifest } from '../../src/manifest/types.js';
import { findModelMapping } from '../../src/mapping/findModelMapping.js';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import { splitRecordsArray } from '../../src/http/splitRecordsArray.js';
import { jsonDepthExceeds } from '../../src/http/jsonDepth.js';
import { gmailMapBody } from './gmailBatch.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../registry/integrations/gmail/manifest.json', import.meta.url), 'utf8'),
) as IntegrationManifest;
const found = findModelMapping(manifest, 'message');
if (!found.ok) throw new Error(found.message);
const compiled = new CachedMappingService(defaultPluginRegistry()).compiled({
  checksum: 'bench',
  mapping: found.mapping,
  entityType: found.entityType,
});
const validate = compileBodyValidator<{ records: unknown[] }>(mapRequestSchema(1000));
const text = gmailMapBody(1000);

const phases: Record<string, number[]> = {
  parse: [],
  validate: [],
  map: [],
  stringify: [],
  cloneIn: [],
  cloneOut: [],
  depthScan: [],
  splitScan: [],
  parseSlice50: [],
};
const time = <T>(name: string, fn: () => T): T => {
  const start = performance.now();
  const out = fn();
  phases[name]?.push(performance.now() - start);
  return out;
};
for (let run = 0; run < 17; run++) {
  const body = time('parse', () => JSON.parse(text) as { records: unknown[] });
  time('validate', () => validate(body));
  const results = time('map', () =>
    body.records.map((record, index) => ({ index, ...compiled.apply(record, 'lenient') })),
  );
  time('stringify', () => JSON.stringify({ results }));
  time('depthScan', () => jsonDepthExceeds(text, 64));
  const split = time('splitScan', () => splitRecordsArray(text, 64));
  if (!split || split === 'too-deep') throw new Error('the bench body does not split');
  // The longest of the map route's parse slices (50 records between two event-loop turns).
  let longest = 0;
  for (let at = 0; at < split.elements.length; at += 50) {
    const start = performance.now();
    for (const [s, e] of split.elements.slice(at, at + 50)) JSON.parse(text.slice(s, e));
    longest = Math.max(longest, performance.now() - start);
  }
  phases.parseSlice50?.push(longest);
  time('cloneIn', () => structuredClone(body));
  time('cloneOut', () => structuredClone(results));
}
const median = (xs: number[]) =>
  [...xs.slice(2)].sort((a, b) => a - b)[Math.floor((xs.length - 2) / 2)] ?? 0;
console.log(
  `body ${(text.length / 1e6).toFixed(2)} MB, 1,000 Gmail messages; median ms of 15 (2 warm-ups):`,
);
for (const [name, xs] of Object.entries(phases))
  console.log(`  ${name.padEnd(10)} ${median(xs).toFixed(1)}`);
