/**
 * `npm run openapi:snapshot` writes openapi/openapi.json from the sources;
 * `npm run openapi:snapshot -- --check` exits 1 when the committed file differs (lint runs it,
 * so Redocly lints exactly what the service serves), naming the pointers that differ.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  describeSnapshotDrift,
  renderSnapshot,
  SNAPSHOT_PATH,
  SNAPSHOT_REFRESH_COMMAND,
} from './snapshot.js';

const file = fileURLToPath(new URL(`../../../${SNAPSHOT_PATH}`, import.meta.url));
const text = renderSnapshot();
if (process.argv.includes('--check')) {
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== text) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(committed);
    } catch {
      parsed = undefined;
    }
    process.stderr.write(
      `${
        describeSnapshotDrift(JSON.parse(text), parsed) ??
        `${SNAPSHOT_PATH} is the same JSON but not the same text (formatting, member order): run \`${SNAPSHOT_REFRESH_COMMAND}\` and commit it`
      }\n`,
    );
    process.exitCode = 1;
  }
} else {
  await writeFile(file, text);
  process.stdout.write(`wrote ${SNAPSHOT_PATH}\n`);
}
