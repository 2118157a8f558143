// The build's second step (`npm run build`, after tsc): replaces the compiled stand-in
// dist/src/manifest/precompiledValidators.js with ajv's standalone validators of the manifest
// schemas, so a built `regsync` validates its first manifest without compiling the schemas
// (about 0.3-0.6 s of `regsync validate`: docs/performance.md). Plain JavaScript over the
// compiled generator, so the build needs nothing but tsc and Node. The module carries the
// schemas' checksum; schemaValidation.ts compiles instead when the schemas differ.
import { rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, URL } from 'node:url';

const target = fileURLToPath(
  new URL('../dist/src/manifest/precompiledValidators.js', import.meta.url),
);
const { standaloneValidatorsCode } = await import(
  new URL('../dist/src/manifest/standaloneValidatorsCode.js', import.meta.url).href
);
// Written beside and renamed, so a reader never sees half a module.
await writeFile(`${target}.tmp`, standaloneValidatorsCode());
await rename(`${target}.tmp`, target);
// tsc's source map is of the stand-in, not of this code.
await rm(`${target}.map`, { force: true });
