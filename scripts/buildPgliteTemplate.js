// The build's third step (`npm run build`): a migrated, empty embedded database in
// dist/pglite-template/ that a new data folder starts as a copy of, instead of PGlite's
// initdb and every migration (src/db/drivers/pgliteTemplate.ts; most of `regsync serve`'s
// time to ready on a new folder). Plain JavaScript over the compiled tree, like
// precompileSchemaValidators.js. The template only saves time: when it cannot be made, the
// build warns and succeeds, and a new data folder is made the slow way (npm ci must still
// leave a runnable build behind).
import process from 'node:process';
import { URL } from 'node:url';

const { writePgliteTemplate } = await import(
  new URL('../dist/src/db/writePgliteTemplate.js', import.meta.url).href
);
try {
  await writePgliteTemplate();
} catch (error) {
  process.stderr.write(
    `regsync build: warning: no embedded-database template (${error.message}); new data folders will run initdb and the migrations\n`,
  );
}
