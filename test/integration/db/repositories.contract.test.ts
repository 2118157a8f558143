/**
 * The port contracts on the database adapters, on PGlite and PostgreSQL: the same cases the
 * in-memory fakes run (test/contracts/inMemory.contract.test.ts).
 */
import { MikroOrmConnectionImportStore } from '../../../src/db/connections/MikroOrmConnectionImportStore.js';
import { MikroOrmConnectionRepository } from '../../../src/db/connections/MikroOrmConnectionRepository.js';
import { MikroOrmWorkspaceRepository } from '../../../src/db/workspaces/MikroOrmWorkspaceRepository.js';
import type { Database } from '../../../src/db/openDatabase.js';
import type { IntegrationManifest, TemplateManifest } from '../../../src/manifest/types.js';
import { connectionImportStoreContract } from '../../contracts/connectionImportStore.cases.js';
import { connectionRepositoryContract } from '../../contracts/connectionRepository.cases.js';
import { definitionStoreContract } from '../../contracts/definitionStore.cases.js';
import { workspaceRepositoryContract } from '../../contracts/workspaceRepository.cases.js';
import { forEachDatabase } from '../../helpers/databases.js';
import { valid } from './manifests.js';

/** Publishes and removes definitions the way a sync does: through the definition store. */
function catalogOf(db: () => Database) {
  return {
    async publish(manifest: IntegrationManifest | TemplateManifest, revision = 'contract') {
      const v = valid(manifest);
      await db().store.saveManifest(v, revision);
      return v.checksum;
    },
    async unpublish(manifest: IntegrationManifest | TemplateManifest) {
      await db().store.markRemoved([valid(manifest).path], 'contract');
    },
  };
}

forEachDatabase((fx) => {
  definitionStoreContract(() => fx.db.store);
});

forEachDatabase((fx) => {
  const catalog = catalogOf(() => fx.db);
  const integrations = {
    publish: (manifest: IntegrationManifest) => catalog.publish(manifest),
    async unpublish(key: string) {
      await fx.db.store.markRemoved([`integrations/${key}/manifest.json`], 'contract');
    },
  };
  connectionRepositoryContract(() => ({
    repo: new MikroOrmConnectionRepository({ orm: fx.db.orm }),
    ...integrations,
  }));
  connectionImportStoreContract(() => ({
    store: new MikroOrmConnectionImportStore({ orm: fx.db.orm }),
    ...integrations,
  }));
  workspaceRepositoryContract(() => ({
    repo: new MikroOrmWorkspaceRepository({ orm: fx.db.orm }),
    publish: (manifest, revision) => catalog.publish(manifest, revision),
    unpublish: (manifest) => catalog.unpublish(manifest),
  }));
});
