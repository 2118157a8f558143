/**
 * The confirmation flow (issue 16) over real HTTP, run by operatorSettings.test.ts on PGlite and
 * PostgreSQL inside its service (one bundled-registry sync per database for both files' worth
 * of cases), with the bundled Threema and Telegram manifests (both declare `verification`) and
 * their operator settings from REGSYNC_OPERATOR__*: a connection made with only the user's fields starts pending with a code
 * that the create answer shows once and the row holds only as a keyed digest; a wrong code spends
 * an attempt, the last one locks it, the expiry (the services' clock, moved forward instead of
 * waiting) refuses even the right code, and the right code in time makes it active with
 * `connectedAt`. Each refusal is problem+json with its code from the status table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectDocumented,
  PROXY_SECRET,
  SECRET_KEY,
  type UserDataHarness,
} from './userDataService.js';

const BOT_TOKEN = `123456789:${'B'.repeat(35)}`;
/** The alphanumeric alphabet (src/manifest/types.ts CODE_ALPHABETS): no 0/O, 1/I/L. */
const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/;

interface View {
  id: string;
  status: string;
  isActive: boolean;
  config: Record<string, unknown>;
  connectedAt: string;
  verification: { code?: string; expiresAt: string; attemptsLeft: number } | null;
}
interface Problem {
  status: number;
  code: string;
  errors?: Array<{ pointer: string; rule: string; message: string }>;
}

/** The service under test and its user-data clock. */
export interface ConfirmationFixture {
  harness: UserDataHarness;
  /** The REGSYNC_OPERATOR__THREEMA__* it was started with (the Gateway ID and API secret). */
  threemaEnv: {
    REGSYNC_OPERATOR__THREEMA__GATEWAY_ID: string;
    REGSYNC_OPERATOR__THREEMA__API_SECRET: string;
  };
  /** Moves the user-data services' clock by `ms` (negative moves it back). */
  shiftClock(ms: number): void;
}

/** Defines the confirmation cases on `fixture()` (valid inside the cases only). */
export function confirmationCases(fixture: () => ConfirmationFixture): void {
  describe('confirming a pending connection', () => {
    let h: UserDataHarness;
    let GATEWAY_SECRET = '';
    let as: UserDataHarness['as'];
    let closeApp = async () => {};
    const now = () => new Date();
    beforeAll(async () => {
      h = fixture().harness;
      const threema = fixture().threemaEnv;
      GATEWAY_SECRET = threema.REGSYNC_OPERATOR__THREEMA__API_SECRET;
      // An app over the same database and clock that also has Telegram's bot token.
      const other = await h.withEnv({
        REGSYNC_SECRET_KEY: SECRET_KEY,
        REGSYNC_PROXY_SECRET: PROXY_SECRET,
        REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN: BOT_TOKEN,
        ...threema,
      });
      as = other.as;
      closeApp = other.close;
    });
    afterAll(() => closeApp());

    const base = (user: string) => `/api/v1/users/${user}/connections`;
    const create = async (user: string, body: unknown) => {
      const res = await as(user, base(user), { method: 'POST', body });
      return { status: res.status, body: (await res.json()) as View & Problem };
    };
    const confirm = async (user: string, id: string, body: unknown) => {
      const res = await as(user, `${base(user)}/${id}/confirm`, { method: 'POST', body });
      const text = await res.text();
      return { res, text, body: JSON.parse(text) as View & Problem };
    };
    const get = async (user: string, id: string) =>
      (await (await as(user, `${base(user)}/${id}`)).json()) as View;
    const raw = async (id: string) =>
      (
        await h.service.runtime.db.orm.em
          .fork()
          .getConnection()
          .execute<Array<Record<string, unknown>>>(
            `select * from integration_connection where id = ?`,
            [id],
          )
      )[0]!;
    const expectProblem = (
      r: { res: Response; body: Problem },
      status: number,
      code: string,
    ): void => {
      expect(r.res.status).toBe(status);
      expect(r.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ status, code });
      expectDocumented('Problem', r.body);
    };
    const telegram = async (user: string) => {
      const created = await create(user, { integrationType: 'telegram', config: {} });
      expect(created.status).toBe(201);
      return { id: created.body.id, code: created.body.verification!.code! };
    };

    it("a Threema connection with only the user's fields starts pending; the right code activates it", async () => {
      const before = now();
      const created = await create('tina', {
        integrationType: 'threema',
        config: { threema_id: 'ECHOECHO' },
      });
      expect(created.status).toBe(201);
      const view = created.body;
      expectDocumented('Connection', view);
      const code = view.verification?.code ?? '';
      expect(code).toMatch(CODE);
      expect(view).toMatchObject({ status: 'pending', isActive: false, configValid: true });
      const expiresAt = view.verification!.expiresAt;
      expect(Date.parse(expiresAt) - before.getTime()).toBeGreaterThanOrEqual(3600_000);
      expect(Date.parse(expiresAt) - before.getTime()).toBeLessThan(3600_000 + 60_000);
      expect(view.verification!.attemptsLeft).toBe(5);
      // The operator's Gateway credentials come from the environment, never from the user's row.
      expect(view.config).toEqual({
        threema_id: 'ECHOECHO',
        registration_token_expires_at: expiresAt,
      });
      expect(await h.userData.connections.operatorSettings('threema')).toMatchObject({
        gatewayId: '*REGSYNC',
      });

      // At rest: a keyed digest (HMAC-SHA256, m1:<keyId>:<mac>), never the code; no operator field.
      const row = await raw(view.id);
      expect(String(row.verification_code_hash)).toMatch(/^m1:[0-9a-f]{8}:[\w-]{43}$/);
      expect(row.verification_attempts_left).toBe(5);
      expect(JSON.stringify(row)).not.toContain(code);
      expect(JSON.stringify(row)).not.toContain(GATEWAY_SECRET);
      expect(JSON.stringify(row)).not.toContain('gatewayId');

      // Pending: shown (without the code) on its own, not listed as active, not usable.
      const shown = await get('tina', view.id);
      expect(shown).toMatchObject({
        status: 'pending',
        verification: { attemptsLeft: 5, expiresAt },
      });
      expect(shown.verification).not.toHaveProperty('code');
      const listed = async (query: string) =>
        ((await (await as('tina', `${base('tina')}${query}`)).json()) as { items: View[] }).items;
      expect(await listed('')).toEqual([]);
      expect((await listed('?includeDisconnected=true')).map((v) => [v.id, v.status])).toEqual([
        [view.id, 'pending'],
      ]);
      expect(await h.userData.connections.touchConnection(view.id, { userId: 'tina' })).toBe(false);
      const patched = await as('tina', `${base('tina')}/${view.id}`, {
        method: 'PATCH',
        body: { label: 'phone' },
      });
      expect(patched.status).toBe(409);
      expect(((await patched.json()) as Problem).code).toBe('CONNECTION_PENDING');

      // Typed back from a phone keyboard: lower case, a trailing space.
      const ok = await confirm('tina', view.id, { code: `${code.toLowerCase()} ` });
      expect(ok.res.status).toBe(200);
      expectDocumented('Connection', ok.body);
      expect(ok.body).toMatchObject({
        status: 'active',
        isActive: true,
        verification: null,
        config: { threema_id: 'ECHOECHO' },
        configValid: true,
      });
      expect(Date.parse(ok.body.connectedAt)).toBeGreaterThanOrEqual(Date.parse(view.connectedAt));
      const after = await raw(view.id);
      expect(after).toMatchObject({
        is_active: true,
        verification_code_hash: null,
        verification_expires_at: null,
        verification_attempts_left: null,
      });
      expect((await listed('')).map((v) => v.id)).toEqual([view.id]);
      expect(await h.userData.connections.touchConnection(view.id, { userId: 'tina' })).toBe(true);

      expectProblem(await confirm('tina', view.id, { code }), 409, 'CONNECTION_NOT_PENDING');
    });

    it('a wrong code spends one attempt and says how many are left', async () => {
      const { id, code } = await telegram('walt');
      const wrong = await confirm('walt', id, {
        code: code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA',
      });
      expectProblem(wrong, 400, 'VERIFICATION_CODE_WRONG');
      expect(wrong.body.errors).toEqual([
        {
          pointer: '/code',
          rule: 'verification-code',
          message: expect.stringMatching(/4 attempts left/),
        },
      ]);
      expect(wrong.text).not.toContain(code);
      expect(await get('walt', id)).toMatchObject({
        status: 'pending',
        verification: { attemptsLeft: 4 },
      });
      // Another user's path finds nothing, and spends nothing.
      expectProblem(await confirm('xena', id, { code }), 404, 'NOT_FOUND');
      expect((await raw(id)).verification_attempts_left).toBe(4);
    });

    it('too many attempts: the last wrong code locks it, and then the right one is refused', async () => {
      const { id, code } = await telegram('lena');
      const other = code.startsWith('A') ? 'BBBBBBBB' : 'AAAAAAAA';
      // Concurrent wrong codes each spend their own attempt (compare and set on attempts left).
      const first = await Promise.all([1, 2, 3].map(() => confirm('lena', id, { code: other })));
      for (const r of first) expectProblem(r, 400, 'VERIFICATION_CODE_WRONG');
      expect((await raw(id)).verification_attempts_left).toBe(2);
      expectProblem(await confirm('lena', id, { code: other }), 400, 'VERIFICATION_CODE_WRONG');
      const last = await confirm('lena', id, { code: other });
      expectProblem(last, 400, 'VERIFICATION_CODE_WRONG');
      expect(last.body.errors?.[0]?.message).toMatch(/no attempt is left/);
      expectProblem(await confirm('lena', id, { code }), 409, 'VERIFICATION_LOCKED');
      expect(await get('lena', id)).toMatchObject({
        status: 'locked',
        isActive: false,
        verification: { attemptsLeft: 0 },
      });
    });

    it('an expired code is refused, even the right one, without spending an attempt', async () => {
      const { id, code } = await telegram('ezra');
      fixture().shiftClock(901_000); // Telegram's ttlSeconds is 900
      try {
        expectProblem(await confirm('ezra', id, { code }), 410, 'VERIFICATION_EXPIRED');
        expect(await get('ezra', id)).toMatchObject({
          status: 'expired',
          isActive: false,
          verification: { attemptsLeft: 5 },
        });
        const gone = await as('ezra', `${base('ezra')}/${id}`, { method: 'DELETE' });
        expect(((await gone.json()) as View).status).toBe('disconnected');
        expect((await raw(id)).verification_code_hash).toBeNull();
        expectProblem(await confirm('ezra', id, { code }), 409, 'CONNECTION_DISCONNECTED');
      } finally {
        fixture().shiftClock(-901_000);
      }
    });

    it('without REGSYNC_SECRET_KEY no code can be kept: 503 SECRET_KEY_MISSING, nothing stored', async () => {
      const keyless = await h.withEnv({
        REGSYNC_PROXY_SECRET: PROXY_SECRET,
        REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN: BOT_TOKEN,
      });
      try {
        const res = await keyless.as('kira', base('kira'), {
          method: 'POST',
          body: { integrationType: 'telegram', config: {} },
        });
        expect(res.status).toBe(503);
        expect(((await res.json()) as Problem).code).toBe('SECRET_KEY_MISSING');
        const list = await as('kira', `${base('kira')}?includeDisconnected=true`);
        expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
      } finally {
        await keyless.close();
      }
    });

    it('the right code carries the chat the bot learnt; Regsync alone sets the code', async () => {
      const refused = await create('carl', {
        integrationType: 'telegram',
        config: { verification_code: 'CHOSEN12' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({
          pointer: '/config/verification_code',
          rule: 'verification-generated',
        }),
      ]);
      const { id, code } = await telegram('carl');
      const invalid = await confirm('carl', id, { code, config: { chat_id: 'not a chat' } });
      expectProblem(invalid, 400, 'CONFIG_INVALID');
      expect((await raw(id)).verification_attempts_left).toBe(5);
      const ok = await confirm('carl', id, { code, config: { chat_id: '-1001234567890' } });
      expect(ok.res.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'active', config: { chat_id: '-1001234567890' } });
      expect(ok.body.config).not.toHaveProperty('verification_code');
    });
  });
}
