/**
 * Connections over real HTTP, on PGlite and on PostgreSQL: the bundled Threema integration
 * (gatewayId pattern, apiSecret x-secret), secrets encrypted at rest and never returned,
 * several connections of one type, soft delete and history, per-user scoping, the admin
 * listing by type (and its index on PostgreSQL), rotation and a removed integration.
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
  OTHER_KEY,
  SECRET_KEY,
  startUserDataService,
  legacyThreemaFiles,
  type UserDataHarness,
  userDataSettings,
} from './userDataService.js';

const API_SECRET = 'S3cretValue0123456789';
const PRIVATE_KEY = 'ab'.repeat(32);
const threema = (gatewayId = '*ABCDEFG', extra: Record<string, unknown> = {}) => ({
  integrationType: 'threema-legacy',
  label: 'work',
  config: { gatewayId, apiSecret: API_SECRET, recipientThreemaId: 'ECHOECHO', ...extra },
});

interface View {
  id: string;
  userId: string;
  integrationType: string;
  label: string | null;
  config: Record<string, unknown>;
  isActive: boolean;
  disconnectedAt: string | null;
  lastUsedAt: string | null;
  integrationRemoved: boolean;
  configValid: boolean;
  findings: Array<{ pointer: string; rule: string }>;
}

describe.each(DRIVERS)('connections on %s', (driver) => {
  let h: UserDataHarness;
  beforeAll(async () => {
    h = await startUserDataService(driver);
    await h.commitAndSync(legacyThreemaFiles());
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const create = async (
    user: string,
    body: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await h.as(user, `/api/v1/users/${user}/connections`, { method: 'POST', body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('creates a Threema connection; the secret is masked in every response and encrypted in the row', async () => {
    const created = await create('alice', threema('*ABCDEFG', { privateKey: PRIVATE_KEY }));
    expect(created.status).toBe(201);
    const view = created.body as unknown as View;
    expect(view).toMatchObject({
      userId: 'alice',
      integrationType: 'threema-legacy',
      label: 'work',
      isActive: true,
      configValid: true,
      integrationRemoved: false,
      findings: [],
    });
    expect(view.config).toEqual({
      gatewayId: '*ABCDEFG',
      recipientThreemaId: 'ECHOECHO',
      apiSecret: { set: true },
      privateKey: { set: true },
    });

    const texts = await Promise.all([
      h.as('alice', `/api/v1/users/alice/connections/${view.id}`).then((r) => r.text()),
      h.as('alice', '/api/v1/users/alice/connections').then((r) => r.text()),
      fetch(`${h.url}/api/v1/integrations/threema-legacy/connections`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      }).then((r) => r.text()),
    ]);
    expectDocumented('Connection', created.body);
    expectDocumented('Connection', JSON.parse(texts[0]!));
    expectDocumented('ConnectionList', JSON.parse(texts[1]!));
    expectDocumented('IntegrationConnections', JSON.parse(texts[2]!));
    for (const text of [JSON.stringify(created.body), ...texts]) {
      expect(text).not.toContain(API_SECRET);
      expect(text).not.toContain(PRIVATE_KEY);
    }

    const em = h.service.runtime.db.orm.em.fork();
    const rows = await em
      .getConnection()
      .execute<Array<Record<string, unknown>>>(
        `select * from integration_connection where id = ?`,
        [view.id],
      );
    const raw = JSON.stringify(rows[0]);
    expect(raw).not.toContain(API_SECRET);
    expect(raw).not.toContain(PRIVATE_KEY);
    expect(raw).toContain('*ABCDEFG');
    const config = (
      typeof rows[0]?.config === 'string' ? JSON.parse(rows[0].config) : rows[0]?.config
    ) as Record<string, { $enc: string }>;
    expect(config.apiSecret?.$enc).toMatch(
      /^v1:[0-9a-f]{8}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/,
    );
  });

  it("counts records mapped through a connection as its use (lastUsedAt); another integration's connection is refused", async () => {
    const created = (await create('dora', threema())).body as unknown as View;
    expect(created.lastUsedAt).toBeNull();
    const payloads = new URL('../../fixtures/payloads/', import.meta.url);
    const map = async (integration: string, model: string, file: string) =>
      fetch(`${h.url}/api/v1/integrations/${integration}/models/${model}/map`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          records: JSON.parse(await readFile(new URL(file, payloads), 'utf8')),
          connectionId: created.id,
        }),
      });
    const mapped = await map('threema-legacy', 'sendResult', 'threema/sendResult.json');
    expect(mapped.status).toBe(200);
    const after = (await (
      await h.as('dora', `/api/v1/users/dora/connections/${created.id}`)
    ).json()) as View;
    expect(after.lastUsedAt).not.toBeNull();
    const wrong = await map('telegram', 'sentMessage', 'telegram/sentMessage.json');
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { detail: string }).detail).toContain(
      'not an active connection of integration "telegram"',
    );
  });

  it('refuses an invalid config with the JSON pointer of each problem', async () => {
    const res = await h.as('alice', '/api/v1/users/alice/connections', {
      method: 'POST',
      body: threema('ABCDEFG'),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as {
      code: string;
      errors: Array<{ pointer: string; rule: string; message: string }>;
    };
    expect(problem.code).toBe('CONFIG_INVALID');
    expectDocumented('Problem', problem);
    expect(problem.errors).toEqual([
      expect.objectContaining({ pointer: '/config/gatewayId', rule: 'pattern' }),
    ]);

    const missing = await create('alice', {
      integrationType: 'threema-legacy',
      config: { gatewayId: '*ABCDEFG', recipientThreemaId: 'ECHOECHO' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ pointer: '/config/apiSecret', rule: 'required' }),
    ]);

    const unknown = await create('alice', { integrationType: 'no-such-thing', config: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/integrationType' })]);
  });

  it('keeps several connections of one type, patches config keeping omitted secrets, and re-validates on read', async () => {
    const a = (await create('bob', threema('*AAAAAAA'))).body as unknown as View;
    const b = (await create('bob', { ...threema('*BBBBBBB'), label: 'home' }))
      .body as unknown as View;
    const list = (await (await h.as('bob', '/api/v1/users/bob/connections')).json()) as {
      items: View[];
    };
    expect(list.items.map((i) => i.id)).toEqual([a.id, b.id]);
    const ofType = (await (
      await h.as('bob', '/api/v1/users/bob/connections?integrationType=threema-legacy')
    ).json()) as { items: View[] };
    expect(ofType.items).toHaveLength(2);
    expect(
      (
        (await (
          await h.as('bob', '/api/v1/users/bob/connections?integrationType=slack')
        ).json()) as { items: View[] }
      ).items,
    ).toEqual([]);

    // Omitted secret: kept (the config still validates, and apiSecret is required).
    const patched = await h.as('bob', `/api/v1/users/bob/connections/${a.id}`, {
      method: 'PATCH',
      body: { label: 'renamed', config: { gatewayId: '*CCCCCCC', recipientThreemaId: 'ECHOECHO' } },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      label: 'renamed',
      config: { gatewayId: '*CCCCCCC', apiSecret: { set: true } },
      configValid: true,
    });
    // A client may send back what it read: { "set": true } keeps the secret; null removes an optional one.
    const read = (await (
      await h.as('bob', `/api/v1/users/bob/connections/${b.id}`)
    ).json()) as View;
    const echoed = await h.as('bob', `/api/v1/users/bob/connections/${b.id}`, {
      method: 'PATCH',
      body: { config: { ...read.config, privateKey: null } },
    });
    expect(echoed.status).toBe(200);
    expect(await echoed.json()).toMatchObject({
      configValid: true,
      config: { apiSecret: { set: true } },
    });
    // Replaced secret: must validate too.
    const bad = await h.as('bob', `/api/v1/users/bob/connections/${a.id}`, {
      method: 'PATCH',
      body: {
        config: { gatewayId: '*CCCCCCC', recipientThreemaId: 'ECHOECHO', apiSecret: 'short' },
      },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ pointer: string }> }).errors[0]?.pointer).toBe(
      '/config/apiSecret',
    );
  });

  it('disconnects softly: gone from the list, kept in the history', async () => {
    const c = (await create('carol', threema())).body as unknown as View;
    const deleted = await h.as('carol', `/api/v1/users/carol/connections/${c.id}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(200);
    const view = (await deleted.json()) as View;
    expect(view.isActive).toBe(false);
    expect(view.disconnectedAt).not.toBeNull();
    expect(
      ((await (await h.as('carol', '/api/v1/users/carol/connections')).json()) as { items: View[] })
        .items,
    ).toEqual([]);
    const history = (await (
      await h.as('carol', '/api/v1/users/carol/connections?includeDisconnected=true')
    ).json()) as { items: View[] };
    expect(history.items.map((i) => [i.id, i.isActive])).toEqual([[c.id, false]]);
    const again = await h.as('carol', `/api/v1/users/carol/connections/${c.id}`, {
      method: 'DELETE',
    });
    expect(((await again.json()) as View).disconnectedAt).toBe(view.disconnectedAt);
  });

  it("keeps one user's connections from another: 404 under another path or id, 401 without the proxy", async () => {
    const c = (await create('dave', threema())).body as unknown as View;
    expect((await h.as('eve', `/api/v1/users/dave/connections/${c.id}`)).status).toBe(404);
    expect((await h.as('eve', '/api/v1/users/dave/connections')).status).toBe(404);
    expect((await h.as('eve', `/api/v1/users/eve/connections/${c.id}`)).status).toBe(404);
    expect(
      (await h.as('eve', `/api/v1/users/eve/connections/${c.id}`, { method: 'DELETE' })).status,
    ).toBe(404);
    expect(
      (
        await h.as('eve', `/api/v1/users/eve/connections/${c.id}`, {
          method: 'PATCH',
          body: { label: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.as(undefined, '/api/v1/users/dave/connections', {
          headers: { 'X-Regsync-User': 'dave' },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await h.as(undefined, '/api/v1/users/dave/connections', {
          headers: { 'X-Regsync-User': 'dave', 'X-Regsync-Proxy-Secret': 'wrong' },
        })
      ).status,
    ).toBe(401);
    expect(
      ((await (await h.as('dave', `/api/v1/users/dave/connections/${c.id}`)).json()) as View)
        .isActive,
    ).toBe(true);
  });

  it('lists the connections of one integration across users for the admin token only', async () => {
    await create('frank', threema());
    const path = '/api/v1/integrations/threema-legacy/connections';
    expect((await fetch(`${h.url}${path}`)).status).toBe(401);
    expect((await h.as('frank', path)).status).toBe(401);
    expect(
      (await fetch(`${h.url}${path}`, { headers: { Authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    const res = await fetch(`${h.url}${path}`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: View[] };
    expect(new Set(body.items.map((i) => i.userId))).toEqual(
      new Set(['alice', 'bob', 'dave', 'dora', 'frank']),
    );
    expect(body.items.every((i) => i.integrationType === 'threema-legacy' && i.isActive)).toBe(
      true,
    );
  });

  it('answers the by-type query from the integration_type index', async () => {
    const em = h.service.runtime.db.orm.em.fork();
    // Both engines are PostgreSQL (PGlite is PostgreSQL 17). The table holds a handful of rows,
    // so the planner would rightly prefer a sequential scan;
    // turning seq scans off in this transaction shows the index is usable for the query.
    const plan = await em.transactional(async (tx) => {
      const conn = tx.getConnection();
      const ctx = tx.getTransactionContext();
      await conn.execute('set local enable_seqscan = off', [], 'run', ctx);
      const rows = await conn.execute<Array<Record<string, string>>>(
        // The admin listing's page query: its filter, its order and one row more than the page.
        `explain select * from integration_connection where integration_type = 'threema-legacy' and is_active = true and (user_id > 'm' or (user_id = 'm' and connected_at > now())) order by user_id, connected_at, id limit 101`,
        [],
        'all',
        ctx,
      );
      return rows.map((r: Record<string, string>) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toMatch(
      /(Index|Bitmap Index) Scan.*integration_connection_type_user_connected_at_id_index/,
    );
  });

  it('refuses secrets without REGSYNC_SECRET_KEY, and a previous key still decrypts after rotation', async () => {
    const noKey = await h.withEnv({ REGSYNC_PROXY_SECRET: 'proxy-secret-for-tests-0123456789' });
    try {
      const res = await noKey.as('gina', '/api/v1/users/gina/connections', {
        method: 'POST',
        body: threema(),
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { code: string }).code).toBe('SECRET_KEY_MISSING');
      expect(
        (
          (await (await noKey.as('gina', '/api/v1/users/gina/connections')).json()) as {
            items: View[];
          }
        ).items,
      ).toEqual([]);
    } finally {
      await noKey.close();
    }

    const old = (await create('gina', threema())).body as unknown as View;
    const rotated = await h.withEnv({
      REGSYNC_SECRET_KEY: OTHER_KEY,
      REGSYNC_SECRET_KEY_PREVIOUS: SECRET_KEY,
      REGSYNC_PROXY_SECRET: 'proxy-secret-for-tests-0123456789',
    });
    const onlyNew = await h.withEnv({
      REGSYNC_SECRET_KEY: OTHER_KEY,
      REGSYNC_PROXY_SECRET: 'proxy-secret-for-tests-0123456789',
    });
    try {
      const read = (await (
        await rotated.as('gina', `/api/v1/users/gina/connections/${old.id}`)
      ).json()) as View;
      expect(read.configValid).toBe(true);
      const lost = (await (
        await onlyNew.as('gina', `/api/v1/users/gina/connections/${old.id}`)
      ).json()) as View;
      expect(lost.configValid).toBe(false);
      expect(lost.findings).toEqual([
        expect.objectContaining({ pointer: '/config/apiSecret', rule: 'secret-undecryptable' }),
      ]);
    } finally {
      await rotated.close();
      await onlyNew.close();
    }
  });

  it('records use through touchConnection', async () => {
    const c = (await create('hank', threema())).body as unknown as View;
    expect(c.lastUsedAt).toBeNull();
    expect(await h.userData.connections.touchConnection(c.id, { integrationType: 'slack' })).toBe(
      false,
    );
    expect(
      await h.userData.connections.touchConnection(c.id, {
        integrationType: 'threema-legacy',
        userId: 'someone-else',
      }),
    ).toBe(false);
    expect(
      await h.userData.connections.touchConnection(c.id, {
        integrationType: 'threema-legacy',
        userId: 'hank',
      }),
    ).toBe(true);
    const read = (await (
      await h.as('hank', `/api/v1/users/hank/connections/${c.id}`)
    ).json()) as View;
    expect(read.lastUsedAt).not.toBeNull();
  });

  it('reports a config the registry no longer accepts, and keeps connections of a removed integration', async () => {
    const c = (await create('ivy', threema('*ABCDEFG'))).body as unknown as View;
    const doc = JSON.parse(
      await readFile(join(h.repo.work, 'integrations/threema-legacy/manifest.json'), 'utf8'),
    ) as {
      integration: { connectionConfig: { properties: { gatewayId: { pattern: string } } } };
    };
    doc.integration.connectionConfig.properties.gatewayId.pattern = '^\\*[0-9]{7}$';
    await h.commitAndSync({
      'integrations/threema-legacy/manifest.json': JSON.stringify(doc, null, 2),
    });
    const invalid = (await (
      await h.as('ivy', `/api/v1/users/ivy/connections/${c.id}`)
    ).json()) as View;
    expect(invalid).toMatchObject({ configValid: false, integrationRemoved: false });
    expect(invalid.findings).toEqual([
      expect.objectContaining({ pointer: '/config/gatewayId', rule: 'pattern' }),
    ]);

    await h.commitAndSync({ 'integrations/threema-legacy/manifest.json': null });
    const removed = (await (
      await h.as('ivy', `/api/v1/users/ivy/connections/${c.id}`)
    ).json()) as View;
    expect(removed).toMatchObject({
      integrationRemoved: true,
      configValid: false,
      isActive: true,
      config: { apiSecret: { set: true } },
    });
  });

  it('re-encrypts every secret with the new key (rekey), and a repeat finds nothing to do', async () => {
    const env = { REGSYNC_SECRET_KEY: OTHER_KEY, REGSYNC_SECRET_KEY_PREVIOUS: SECRET_KEY };
    const rekey = () =>
      createUserDataServices({
        db: h.service.runtime.db,
        settings: userDataSettings(env),
      }).connections.rekey();
    const first = await rekey();
    expect(first.failed).toEqual([]);
    expect(first.reencrypted).toBeGreaterThan(5);
    const rows = await h.service.runtime.db.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ config: unknown }>>('select config from integration_connection');
    const newId = parseSecretKey(OTHER_KEY)!.id;
    const ids = rows.flatMap((r: { config: unknown }) =>
      [...JSON.stringify(r.config).matchAll(/v1:([0-9a-f]{8}):/g)].map((m) => m[1]),
    );
    expect(ids.length).toBeGreaterThan(5);
    expect(new Set(ids)).toEqual(new Set([newId]));
    expect((await rekey()).reencrypted).toBe(0);
  });
});
