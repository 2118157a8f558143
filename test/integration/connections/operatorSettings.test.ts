/**
 * Operator settings (issue 16) over real HTTP on PGlite and PostgreSQL, with the bundled
 * registry synced: Threema's Gateway credentials supplied through REGSYNC_OPERATOR__*, the
 * WealthOS tenant through REGSYNC_OPERATOR_SETTINGS_FILE, Telegram's bot token missing. A
 * missing setting disables only that integration (503 naming the setting and its variable;
 * `/readyz` lists it and stays ready); supplied values are never stored per user and never
 * returned. The confirmation flow's cases (confirmationCases.ts) run in the same service, so
 * the bundled registry is synced once per database for both.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../helpers/databases.js';
import {
  expectDocumented,
  PROXY_SECRET,
  SECRET_KEY,
  startUserDataService,
  type UserDataHarness,
} from './userDataService.js';
import { confirmationCases } from './confirmationCases.js';

const GATEWAY_SECRET = 'GatewaySecret0123456789';
const BOT_TOKEN = `123456789:${'A'.repeat(35)}`;
const WEALTHOS_KEY = `wos_sandbox_${'k'.repeat(32)}`;

const THREEMA_ENV = {
  REGSYNC_OPERATOR__THREEMA__GATEWAY_ID: '*REGSYNC',
  REGSYNC_OPERATOR__THREEMA__API_SECRET: GATEWAY_SECRET,
};

describe.each(DRIVERS)('operator settings on %s', (driver) => {
  let h: UserDataHarness;
  let dir: string;
  // The user-data services' clock: real time plus what a case moved it by (no sleeping).
  let shift = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regsync-operator-'));
    const file = join(dir, 'operator.json');
    await writeFile(file, JSON.stringify({ wealthos: { tenantId: 'acme-wealth' } }, null, 2));
    h = await startUserDataService(
      driver,
      { ...THREEMA_ENV, REGSYNC_OPERATOR_SETTINGS_FILE: file },
      { now: () => new Date(Date.now() + shift) },
    );
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = (user: string, body: unknown, as = h.as) =>
    as(user, `/api/v1/users/${user}/connections`, { method: 'POST', body });

  it('missing: a Telegram connection is refused with 503 naming the setting and its variable', async () => {
    const res = await post('olga', { integrationType: 'telegram', config: {} });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as {
      code: string;
      errors: Array<{ pointer: string; rule: string; message: string }>;
    };
    expectDocumented('Problem', body);
    expect(body.code).toBe('OPERATOR_SETTINGS_MISSING');
    expect(body.errors).toEqual([
      {
        pointer: '/integration/operatorSettings/properties/botToken',
        rule: 'operator-setting-missing',
        message: expect.stringContaining('REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN'),
      },
    ]);
    const list = await h.as('olga', '/api/v1/users/olga/connections?includeDisconnected=true');
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('missing: /readyz lists the disabled integration and stays ready, naming no value', async () => {
    const res = await fetch(`${h.url}/readyz`);
    const text = await res.text();
    expect(res.status).toBe(200);
    const body = JSON.parse(text) as {
      status: string;
      disabledIntegrations: Array<{ integration: string; missing: string[] }>;
    };
    expect(body.status).toBe('ready');
    expect(body.disabledIntegrations.map((d) => [d.integration, d.missing])).toEqual([
      ['telegram', ['botToken']],
    ]);
    expect(text).not.toContain(GATEWAY_SECRET);
    expect(text).not.toContain('acme-wealth');
  });

  it('present: a WealthOS connection with only the user fields; the file supplies the tenant', async () => {
    const res = await post('olga', {
      integrationType: 'wealthos',
      config: { api_key: WEALTHOS_KEY, last_sync_at: '2026-11-01T08:00:00Z' },
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain('acme-wealth');
    const view = JSON.parse(text) as { config: Record<string, unknown>; isActive: boolean };
    expect(view.config).toEqual({ api_key: { set: true }, last_sync_at: '2026-11-01T08:00:00Z' });
    expect(view.isActive).toBe(true);
    expect(await h.userData.connections.operatorSettings('wealthos')).toEqual({
      tenantId: 'acme-wealth',
      environment: 'sandbox',
    });
  });

  it("present: the environment supplies Threema's gateway; the operator fields are refused in a user's config", async () => {
    expect(await h.userData.connections.operatorSettings('threema')).toEqual({
      gatewayId: '*REGSYNC',
      apiSecret: GATEWAY_SECRET,
    });
    const res = await post('olga', {
      integrationType: 'threema',
      config: { threema_id: 'ECHOECHO', gatewayId: '*ABCDEFG', apiSecret: GATEWAY_SECRET },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ pointer: string; rule: string }> };
    expect(body.errors.map((e) => [e.pointer, e.rule]).sort()).toEqual([
      ['/config/apiSecret', 'additionalProperties'],
      ['/config/gatewayId', 'additionalProperties'],
    ]);
    expect(JSON.stringify(body)).not.toContain(GATEWAY_SECRET);
  });

  it('present: once the bot token is supplied, Telegram connections are accepted', async () => {
    const other = await h.withEnv({
      REGSYNC_SECRET_KEY: SECRET_KEY,
      REGSYNC_PROXY_SECRET: PROXY_SECRET,
      REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN: BOT_TOKEN,
    });
    try {
      const res = await post('pete', { integrationType: 'telegram', config: {} }, other.as);
      expect(res.status).toBe(201);
      expect(await res.text()).not.toContain(BOT_TOKEN);
    } finally {
      await other.close();
    }
  });

  it('invalid: a supplied value that breaks the schema disables the integration too', async () => {
    const other = await h.withEnv({
      REGSYNC_SECRET_KEY: SECRET_KEY,
      REGSYNC_PROXY_SECRET: PROXY_SECRET,
      REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN: 'not-a-token-value',
    });
    try {
      const res = await post('pete', { integrationType: 'telegram', config: {} }, other.as);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { errors: Array<{ pointer: string; rule: string }> };
      expect(body.errors.map((e) => [e.pointer, e.rule])).toEqual([
        ['/integration/operatorSettings/properties/botToken', 'operator-setting-invalid'],
      ]);
      expect(JSON.stringify(body)).not.toContain('not-a-token-value');
    } finally {
      await other.close();
    }
  });

  confirmationCases(() => ({
    harness: h,
    threemaEnv: THREEMA_ENV,
    shiftClock: (ms) => {
      shift += ms;
    },
  }));
});
