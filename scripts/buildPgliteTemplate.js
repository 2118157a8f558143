// The build's third step (`npm run build`): a migrated, empty embedded database in
// dist/pglite-template/ that a new data folder starts as a copy of, instead of PGlite's
// initdb and every migration, and that database after one sync of the bundled registry in
// dist/pglite-template-synced/, which a new folder of an instance serving only the bundled
// registry starts as instead, ready without a first sync (src/db/drivers/pgliteTemplate.ts;
// most of `regsync serve`'s time to ready on a new folder). Plain JavaScript over the
// compiled tree, like precompileSchemaValidators.js. The templates only save time: when one
// cannot be made, the build warns and succeeds, and a new data folder is made the next way
// down (npm ci must still leave a runnable build behind).
import process from 'node:process';
import { URL } from 'node:url';

const { writePgliteTemplate } = await import(
  new URL('../dist/src/db/writePgliteTemplate.js', import.meta.url).href
);
const { writeSyncedTemplate } = await import(
  new URL('../dist/src/cli/writeSyncedTemplate.js', import.meta.url).href
);
try {
  await writePgliteTemplate();
} catch (error) {
  process.stderr.write(
    `regsync build: warning: no embedded-database template (${error.message}); new data folders will run initdb and the migrations\n`,
  );
}
try {
  await writeSyncedTemplate();
} catch (error) {
  process.stderr.write(
    `regsync build: warning: no synced template of the bundled registry (${error.message}); a new data folder serving it will run its first sync\n`,
  );
}
