/**
 * A property that becomes secret is protected at once, on PGlite and PostgreSQL: a real Git
 * commit adds `"x-secret": true` to Threema's `recipientThreemaId`, a sync takes it in, and
 * the values stored plain before are masked in every HTTP read, reported as a finding, and
 * encrypted by the next write and by rekey. Then the reverse commit: values already encrypted
 * stay encrypted and masked until the user sends a new value.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../helpers/databases.js';
import { parseSecretKey } from '../../../src/config/userDataSettings.js';
import { createUserDataServices } from '../../../src/main.js';
import {
  ADMIN_TOKEN,
  expectDocumented,
  SECRET_KEY,
  startUserDataService,
  legacyThreemaFiles,
  type UserDataHarness,
} from './userDataService.js';

const RECIPIENT = 'RCPT4567';
const MANIFEST = 'integrations/threema-legacy/manifest.json';

interface View {
  id: string;
  config: Record<string, unknown>;
  configValid: boolean;
  secretsEncrypted: boolean;
  findings: Array<{ pointer: string; rule: string; message: string }>;
}

describe.each(DRIVERS)(
  'a connection-config property made secret by the registry, on %s',
  (driver) => {
    let h: UserDataHarness;
    const ids: Record<'read' | 'write' | 'rekey', string> = { read: '', write: '', rekey: '' };

    beforeAll(async () => {
      h = await startUserDataService(driver);
      await h.commitAndSync(legacyThreemaFiles());
      for (const name of Object.keys(ids) as Array<keyof typeof ids>) {
        const res = await h.as(name, `/api/v1/users/${name}/connections`, {
          method: 'POST',
          body: {
            integrationType: 'threema-legacy',
            config: {
              gatewayId: '*ABCDEFG',
              apiSecret: 'S3cretValue0123456789',
              recipientThreemaId: RECIPIENT,
            },
          },
        });
        expect(res.status).toBe(201);
        ids[name] = ((await res.json()) as View).id;
      }
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    });

    const setSecret = async (secret: boolean) => {
      const doc = JSON.parse(await readFile(join(h.repo.work, MANIFEST), 'utf8')) as {
        integration: { connectionConfig: { properties: Record<string, Record<string, unknown>> } };
      };
      const property = doc.integration.connectionConfig.properties.recipientThreemaId!;
      if (secret) property['x-secret'] = true;
      else delete property['x-secret'];
      await h.commitAndSync({ [MANIFEST]: `${JSON.stringify(doc, null, 2)}\n` });
    };
    const read = async (user: keyof typeof ids): Promise<{ text: string; view: View }> => {
      const text = await (
        await h.as(user, `/api/v1/users/${user}/connections/${ids[user]}`)
      ).text();
      return { text, view: JSON.parse(text) as View };
    };
    const storedRecipient = async (id: string): Promise<unknown> => {
      const rows = await h.service.runtime.db.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ config: unknown }>>(
          'select config from integration_connection where id = ?',
          [id],
        );
      const config = rows[0]?.config;
      return ((typeof config === 'string' ? JSON.parse(config) : config) as Record<string, unknown>)
        .recipientThreemaId;
    };

    it('masks the plain value in the user read, the user list and the admin listing, with a finding', async () => {
      expect(await storedRecipient(ids.read)).toBe(RECIPIENT);
      await setSecret(true);

      const one = await read('read');
      expectDocumented('Connection', one.view);
      expect(one.text).not.toContain(RECIPIENT);
      expect(one.view.config.recipientThreemaId).toEqual({ set: true });
      expect(one.view).toMatchObject({ configValid: false, secretsEncrypted: false });
      expect(one.view.findings).toEqual([
        expect.objectContaining({
          pointer: '/config/recipientThreemaId',
          rule: 'secret-stored-plain',
        }),
      ]);

      const list = await (await h.as('read', '/api/v1/users/read/connections')).text();
      expect(list).not.toContain(RECIPIENT);
      expect(list).toContain('secret-stored-plain');
      const admin = await fetch(`${h.url}/api/v1/integrations/threema-legacy/connections`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const adminText = await admin.text();
      expect(admin.status).toBe(200);
      expect(adminText).not.toContain(RECIPIENT);
      const items = (JSON.parse(adminText) as { items: View[] }).items;
      expect(items.map((i) => i.secretsEncrypted)).toEqual([false, false, false]);
      // Reading never writes: the value is still plain at rest.
      expect(await storedRecipient(ids.read)).toBe(RECIPIENT);
    });

    it('encrypts it on the next write, even one that changes only the label', async () => {
      const res = await h.as('write', `/api/v1/users/write/connections/${ids.write}`, {
        method: 'PATCH',
        body: { label: 'renamed' },
      });
      expect(res.status).toBe(200);
      const patched = (await res.json()) as View;
      expect(patched).toMatchObject({ configValid: true, secretsEncrypted: true, findings: [] });
      expect(patched.config.recipientThreemaId).toEqual({ set: true });
      expect(await storedRecipient(ids.write)).toEqual({ $enc: expect.stringMatching(/^v1:/) });
      // The encrypted value still decrypts to what the user saved: the config validates.
      expect((await read('write')).view.configValid).toBe(true);
    });

    it('rekey encrypts the remaining plain values, and a repeat finds nothing', async () => {
      // What `regsync connections rekey` runs: the services on the same database.
      const rekey = () =>
        createUserDataServices({
          db: h.service.runtime.db,
          settings: { secretKey: parseSecretKey(SECRET_KEY), previousKeys: [] },
        }).connections.rekey();
      const report = await rekey();
      expect(report).toMatchObject({ failed: [], plainEncrypted: 2, reencrypted: 2 });
      for (const id of Object.values(ids))
        expect(await storedRecipient(id)).toEqual({ $enc: expect.stringMatching(/^v1:/) });
      expect((await read('rekey')).view).toMatchObject({
        configValid: true,
        secretsEncrypted: true,
        findings: [],
      });
      expect(await rekey()).toMatchObject({
        plainEncrypted: 0,
        reencrypted: 0,
      });
    });

    it('keeps a value encrypted and masked when the property stops being secret, until a new value is sent', async () => {
      await setSecret(false);
      const after = await read('read');
      expect(after.text).not.toContain(RECIPIENT);
      expect(after.view).toMatchObject({ configValid: true, secretsEncrypted: true });
      expect(after.view.config.recipientThreemaId).toEqual({ set: true });

      // Sending back what the client saw keeps the stored value, still encrypted.
      const kept = await h.as('read', `/api/v1/users/read/connections/${ids.read}`, {
        method: 'PATCH',
        body: { config: { ...after.view.config, apiSecret: { set: true } } },
      });
      expect(kept.status).toBe(200);
      expect(await storedRecipient(ids.read)).toEqual({ $enc: expect.stringMatching(/^v1:/) });

      // A new value is stored as the schema now says: plain, and returned.
      const replaced = await h.as('read', `/api/v1/users/read/connections/${ids.read}`, {
        method: 'PATCH',
        body: { config: { gatewayId: '*ABCDEFG', recipientThreemaId: 'NEWID123' } },
      });
      expect(replaced.status).toBe(200);
      const view = (await replaced.json()) as View;
      expect(view.config.recipientThreemaId).toBe('NEWID123');
      expect(view.configValid).toBe(true);
      expect(await storedRecipient(ids.read)).toBe('NEWID123');
    });
  },
);
