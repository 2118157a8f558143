/**
 * Every committed migration, in order. MikroORM runs this list instead of scanning the
 * migrations folder, so vitest and the built code never `import()` a `.ts` file by path.
 * Append each migration that `migration:create` writes (test/integration/db/migrations.test.ts
 * fails while this list and the folder disagree).
 */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123180016 } from '../../migrations/Migration20261123180016.js';
import { Migration20261123184727 } from '../../migrations/Migration20261123184727.js';
import { Migration20261206204500 } from '../../migrations/Migration20261206204500.js';
import { Migration20261207140000 } from '../../migrations/Migration20261207140000.js';
import { Migration20261207150000 } from '../../migrations/Migration20261207150000.js';
import { Migration20261207180000 } from '../../migrations/Migration20261207180000.js';
import { Migration20261208100000 } from '../../migrations/Migration20261208100000.js';
import { Migration20261208110000 } from '../../migrations/Migration20261208110000.js';
import { Migration20261208120000 } from '../../migrations/Migration20261208120000.js';
import { Migration20261208130000 } from '../../migrations/Migration20261208130000.js';
import { Migration20261208143100 } from '../../migrations/Migration20261208143100.js';

/** The committed migrations in timestamp order, as MikroORM runs them (see the file header). */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123180016', class: Migration20261123180016 },
  // integration_connection and the workspace tables (issue 6)
  { name: 'Migration20261123184727', class: Migration20261123184727 },
  // manifest_state: the never-ingested state and its detail
  { name: 'Migration20261206204500', class: Migration20261206204500 },
  // layered registries: origin on definitions, states and runs; registry_source (issue 14)
  { name: 'Migration20261207140000', class: Migration20261207140000 },
  // change_event, change_feed, notify_delivery: the change feed and webhooks (issue 15)
  { name: 'Migration20261207150000', class: Migration20261207150000 },
  // keyset-paging indexes of the connection and workspace listings (issue 10)
  { name: 'Migration20261207180000', class: Migration20261207180000 },
  // the pending connection of a verified channel: code hash, expiry, attempts left (issue 16)
  { name: 'Migration20261208100000', class: Migration20261208100000 },
  // import_key: idempotent imports of legacy connections (issue 16, TD-001)
  { name: 'Migration20261208110000', class: Migration20261208110000 },
  // manifest_state (path, origin): the keyset order of GET /manifests (issue 14)
  { name: 'Migration20261208120000', class: Migration20261208120000 },
  // workspace_template.origin: the source a workspace's template came from (issue 14)
  { name: 'Migration20261208130000', class: Migration20261208130000 },
  // manifest_state (origin, state): a source's never-ingested, invalid, shadowed rows (issue 13)
  { name: 'Migration20261208143100', class: Migration20261208143100 },
];
