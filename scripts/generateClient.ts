/**
 * `npm run openapi:client` writes src/client/schema.ts, the TypeScript types of the committed
 * snapshot (openapi/openapi.json), with openapi-typescript (pinned in package.json) and
 * formatted by the project's prettier, so the file passes `npm run format:check` as written.
 * `npm run openapi:client -- --check` (run by `npm run lint`) exits 1 when the committed
 * file is not what the snapshot generates today.
 *
 * The Node API instead of the `openapi-typescript` binary: the binary's own `--check`
 * compares against its unformatted output, which the formatted file never equals.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';

const SNAPSHOT = 'openapi/openapi.json';
const TARGET = 'src/client/schema.ts';
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const HEADER = `/**
 * The types of the Regsync HTTP API, generated from ${SNAPSHOT} by openapi-typescript
 * (\`npm run openapi:client\`). Do not edit: change src/http/openapi/, then run
 * \`npm run openapi:snapshot && npm run openapi:client\`. \`npm run lint\` fails when this
 * file is stale.
 */
`;

async function generate(): Promise<string> {
  const document = JSON.parse(await readFile(root(SNAPSHOT), 'utf8')) as Parameters<
    typeof openapiTS
  >[0];
  // emptyObjectsUnknown: a schema `{ type: 'object' }` with no properties means "any object"
  // (a connection's config, the served document); the default types it as an object that
  // can hold nothing, which no caller could send. defaultNonNullable off: a member with a
  // default is still optional in answers unless `required` says otherwise, as the service
  // promises.
  const ast = await openapiTS(document, { emptyObjectsUnknown: true, defaultNonNullable: false });
  const text = HEADER + astToString(ast);
  const options = (await prettier.resolveConfig(root(TARGET))) ?? {};
  return prettier.format(text, { ...options, filepath: root(TARGET) });
}

const text = await generate();
if (process.argv.includes('--check')) {
  const committed = await readFile(root(TARGET), 'utf8').catch(() => '');
  if (committed !== text) {
    process.stderr.write(
      `${TARGET} is not what ${SNAPSHOT} generates: run \`npm run openapi:client\` and commit it\n`,
    );
    process.exitCode = 1;
  }
} else {
  await writeFile(root(TARGET), text);
  process.stdout.write(`wrote ${TARGET} from ${SNAPSHOT}\n`);
}
