/**
 * Differential check of a validation change (not a test): validates every `*.json` file under
 * the given folders with this checkout's `validateManifest` and with another checkout's, and
 * exits 1 on the first file whose findings or checksum differ (compared as JSON text).
 *
 *   node --import tsx bench/sync/compareFindings.ts --before DIR [folder ...]
 *   (default folders: test/fixtures registry)
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as ValidateModule from '../../src/manifest/validateManifest.js';

const { values, positionals } = parseArgs({
  options: { before: { type: 'string' } },
  allowPositionals: true,
});
if (!values.before) throw new Error('--before DIR is required');
const here = resolve(import.meta.dirname, '../..');
type Module = typeof ValidateModule;
const load = async (tree: string) =>
  (await import(pathToFileURL(join(tree, 'src/manifest/validateManifest.ts')).href)) as Module;
const [before, after] = [await load(resolve(values.before)), await load(here)];
const { defaultPluginRegistry } = await import('../../src/mapping/plugins/index.js');
const { pluginInfos } = await import('../../src/mapping/plugins/pluginInfos.js');
const plugins = pluginInfos(defaultPluginRegistry());

async function* jsonFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsonFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.json')) yield path;
  }
}
let files = 0;
let invalid = 0;
for (const folder of positionals.length > 0 ? positionals : ['test/fixtures', 'registry']) {
  for await (const path of jsonFiles(resolve(here, folder))) {
    const input = { file: relative(here, path), text: await readFile(path, 'utf8') };
    const a = JSON.stringify(before.validateManifest(input, { plugins }));
    const b = JSON.stringify(after.validateManifest(input, { plugins }));
    files++;
    if (!a.includes('"success":true')) invalid++;
    if (a !== b) {
      console.error(
        `${input.file}: differs\n before ${a.slice(0, 400)}\n after  ${b.slice(0, 400)}`,
      );
      process.exit(1);
    }
  }
}
console.log(`${files} files (${invalid} invalid): findings and checksums identical`);
