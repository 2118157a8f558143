/**
 * The synced template (src/cli/writeSyncedTemplate.ts, src/cli/syncedTemplateContent.ts): the
 * build's sync of the bundled registry, written here from the sources into a temp folder. A
 * new data folder of an instance serving only the bundled registry starts as a copy of it,
 * already at the registry's revision, and the startup sync finds nothing to do; the template
 * is refused for a registry whose manifests changed since it was written (the migrated one is
 * used instead), and never offered to a configuration whose first sync would differ.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedTemplateContent } from '../../../src/cli/syncedTemplateContent.js';
import { writeSyncedTemplate } from '../../../src/cli/writeSyncedTemplate.js';
import { loadConfig, type RegsyncConfig } from '../../../src/config/loadConfig.js';
import { BUNDLED_REGISTRY } from '../../../src/config/readRegistrySettings.js';
import { openDatabase, type Database } from '../../../src/db/openDatabase.js';
import { writePgliteTemplate } from '../../../src/db/writePgliteTemplate.js';
import { createLogger } from '../../../src/logging/createLogger.js';
import { createRuntime } from '../../../src/main.js';
import { FolderSource } from '../../../src/registry/FolderSource.js';

let dir: string;
let migrated: string;
let synced: { dir: string; stamp: string; revision: string };

function configOf(env: Record<string, string>): RegsyncConfig {
  const loaded = loadConfig(env, dir);
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  return loaded.config;
}

async function definitionKeys(db: Database): Promise<string[]> {
  const rows = (await db.orm.em
    .fork()
    .getConnection()
    .execute('select key from definition order by key')) as Array<{ key: string }>;
  return rows.map((r) => r.key);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regsync-synced-template-'));
  migrated = (await writePgliteTemplate(join(dir, 'migrated'))).dir;
  synced = await writeSyncedTemplate({ target: join(dir, 'synced'), migratedTemplate: migrated });
}, 240_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the synced template of the bundled registry', () => {
  it('starts a new data folder at the registry revision, and the startup sync finds nothing to do', async () => {
    const config = configOf({ REGSYNC_DATA_DIR: join(dir, 'new') });
    const messages: string[] = [];
    const logger = createLogger('info', {
      write: (line: string) => messages.push(line),
    } as unknown as NodeJS.WritableStream);
    const runtime = await createRuntime(config, {
      logger,
      templateDirs: { synced: synced.dir, migrated },
    });
    try {
      expect(messages.join('')).toContain("from the build's synced template");
      expect(runtime.db.migrations.applied).toEqual([]);
      expect(await runtime.db.store.lastSyncedRevision()).toBe(synced.revision);
      expect(await definitionKeys(runtime.db)).toContain('hubspot');
      const run = await runtime.engine.run({ trigger: 'startup' });
      expect([run.status, run.reason]).toEqual(['succeeded', 'UpToDate']);
      expect(run.counts.added).toBe(0);
    } finally {
      await runtime.close();
    }
  }, 120_000);

  it('is refused for a registry edited since it was written: the new folder starts migrated and empty', async () => {
    const copy = join(dir, 'registry-copy');
    await cp(BUNDLED_REGISTRY, copy, { recursive: true });
    const config = configOf({ REGSYNC_DATA_DIR: join(dir, 'unused') });
    const open = (name: string) =>
      openDatabase({
        dataDir: join(dir, name),
        syncedContent: syncedTemplateContent(config, new FolderSource({ root: copy })),
        templateDirs: { synced: synced.dir, migrated },
      });
    // The same manifests in another folder: the template holds what a sync of them writes.
    const same = await open('same');
    try {
      expect(await same.store.lastSyncedRevision()).toBe(synced.revision);
    } finally {
      await same.close();
    }
    const manifest = join(copy, 'integrations/hubspot/manifest.json');
    const text = await readFile(manifest, 'utf8');
    await writeFile(manifest, text.replace(/"name": "([^"]*)"/, '"name": "$1 (edited)"'));
    const edited = await open('edited');
    try {
      expect(await edited.store.lastSyncedRevision()).toBeUndefined();
      expect(await definitionKeys(edited)).toEqual([]);
      expect(edited.migrations.applied).toEqual([]); // the migrated template, not initdb
    } finally {
      await edited.close();
    }
  }, 120_000);

  it('is offered only to the embedded database serving the bundled registry alone, with no receivers', () => {
    const source = new FolderSource({ root: BUNDLED_REGISTRY });
    const data = { REGSYNC_DATA_DIR: join(dir, 'data') };
    expect(syncedTemplateContent(configOf(data), source)).toBeTypeOf('function');
    const others: Array<Record<string, string>> = [
      { REGSYNC_REGISTRY: join(dir, 'registry-copy') },
      {
        REGSYNC_NOTIFY_URLS: 'https://receiver.example/hook',
        REGSYNC_NOTIFY_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
      },
      { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test' },
    ];
    for (const other of others)
      expect(
        syncedTemplateContent(configOf({ ...data, ...other }), source),
        Object.keys(other)[0],
      ).toBeUndefined();
  });
});
