/**
 * `npm run openapi:snapshot` writes openapi/openapi.json from the sources;
 * `npm run openapi:snapshot -- --check` exits 1 when the committed file differs (lint runs it,
 * so Redocly lints exactly what the service serves).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderSnapshot, SNAPSHOT_PATH, SNAPSHOT_REFRESH_COMMAND } from './snapshot.js';

const file = fileURLToPath(new URL(`../../../${SNAPSHOT_PATH}`, import.meta.url));
const text = renderSnapshot();
if (process.argv.includes('--check')) {
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== text) {
    process.stderr.write(
      `${SNAPSHOT_PATH} differs from the document the service serves: run \`${SNAPSHOT_REFRESH_COMMAND}\` and commit it\n`,
    );
    process.exitCode = 1;
  }
} else {
  await writeFile(file, text);
  process.stdout.write(`wrote ${SNAPSHOT_PATH}\n`);
}
