/**
 * The in-memory fakes run the same contracts as the database adapters
 * (test/integration/db/repositories.contract.test.ts): a fake that drifts from the real
 * store fails here.
 */
import { describe } from 'vitest';
import { InMemoryConnectionImportStore } from '../../src/connections/testing/InMemoryConnectionImportStore.js';
import { InMemoryConnectionRepository } from '../../src/connections/testing/InMemoryConnectionRepository.js';
import type { IntegrationManifest, TemplateManifest } from '../../src/manifest/types.js';
import { InMemoryDefinitionStore } from '../../src/sync/testing/InMemoryDefinitionStore.js';
import { InMemoryWorkspaceRepository } from '../../src/workspaces/testing/InMemoryWorkspaceRepository.js';
import { valid } from '../integration/db/manifests.js';
import { connectionImportStoreContract } from './connectionImportStore.cases.js';
import { connectionRepositoryContract } from './connectionRepository.cases.js';
import { definitionStoreContract } from './definitionStore.cases.js';
import { workspaceRepositoryContract } from './workspaceRepository.cases.js';

/** The catalog of an in-memory connection repository, published to as a sync would. */
function catalogOf(repo: InMemoryConnectionRepository) {
  return {
    async publish(manifest: IntegrationManifest) {
      const { checksum } = valid(manifest);
      repo.publish({
        key: manifest.key,
        checksum,
        connectionConfig: manifest.integration.connectionConfig,
      });
      return checksum;
    },
    async unpublish(key: string) {
      repo.unpublish(key);
    },
  };
}

describe('InMemoryDefinitionStore', () => {
  const store = new InMemoryDefinitionStore();
  definitionStoreContract(() => store);
});

describe('InMemoryConnectionRepository', () => {
  const repo = new InMemoryConnectionRepository();
  connectionRepositoryContract(() => ({ repo, ...catalogOf(repo) }));
});

describe('InMemoryConnectionImportStore', () => {
  const repo = new InMemoryConnectionRepository();
  const store = new InMemoryConnectionImportStore({ repository: repo });
  connectionImportStoreContract(() => ({ store, ...catalogOf(repo) }));
});

describe('InMemoryWorkspaceRepository', () => {
  const repo = new InMemoryWorkspaceRepository();
  workspaceRepositoryContract(() => ({
    repo,
    async publish(manifest: IntegrationManifest | TemplateManifest, revision: string) {
      const { checksum } = valid(manifest);
      repo.publish(manifest.kind, {
        key: manifest.key,
        checksum,
        revision,
        origin: 'primary',
        source: 'primary',
        document: manifest,
      });
      return checksum;
    },
    async unpublish(manifest) {
      repo.unpublish(manifest.kind, manifest.key);
    },
  }));
});
