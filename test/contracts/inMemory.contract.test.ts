/**
 * The in-memory fakes run the same contracts as the database adapters
 * (test/integration/db/repositories.contract.test.ts): a fake that drifts from the real
 * store fails here.
 */
import { describe } from 'vitest';
import { InMemoryConnectionRepository } from '../../src/connections/testing/InMemoryConnectionRepository.js';
import type { IntegrationManifest, TemplateManifest } from '../../src/manifest/types.js';
import { InMemoryDefinitionStore } from '../../src/sync/testing/InMemoryDefinitionStore.js';
import { InMemoryWorkspaceRepository } from '../../src/workspaces/testing/InMemoryWorkspaceRepository.js';
import { valid } from '../integration/db/manifests.js';
import { connectionRepositoryContract } from './connectionRepository.cases.js';
import { definitionStoreContract } from './definitionStore.cases.js';
import { workspaceRepositoryContract } from './workspaceRepository.cases.js';

describe('InMemoryDefinitionStore', () => {
  const store = new InMemoryDefinitionStore();
  definitionStoreContract(() => store);
});

describe('InMemoryConnectionRepository', () => {
  const repo = new InMemoryConnectionRepository();
  connectionRepositoryContract(() => ({
    repo,
    async publish(manifest: IntegrationManifest) {
      const { checksum } = valid(manifest);
      repo.publish({
        key: manifest.key,
        checksum,
        connectionConfig: manifest.integration.connectionConfig,
      });
      return checksum;
    },
    async unpublish(key) {
      repo.unpublish(key);
    },
  }));
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
