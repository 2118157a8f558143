// The build's third step (`npm run build`): a migrated, empty embedded database in
// dist/pglite-template/ that a new data folder starts as a copy of, instead of PGlite's
// initdb and every migration (src/db/drivers/pgliteTemplate.ts; most of `regsync serve`'s
// time to ready on a new folder). Plain JavaScript over the compiled tree, like
// precompileSchemaValidators.js.
import { URL } from 'node:url';

const { writePgliteTemplate } = await import(
  new URL('../dist/src/db/writePgliteTemplate.js', import.meta.url).href
);
await writePgliteTemplate();
