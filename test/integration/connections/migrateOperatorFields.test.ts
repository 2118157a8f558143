/**
 * `migrate-operator-fields` on PGlite and PostgreSQL: a Threema connection stored under the
 * format 1.1 manifest (the Gateway credentials in the user's config) no longer validates once
 * the registry moves them into operatorSettings; the dry run reports and writes nothing, the run
 * removes the operator fields, renames recipientThreemaId to threema_id (x-renamedFrom),
 * re-encrypts and re-validates; a second run finds nothing to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../helpers/databases.js';
import {
  legacyThreemaFiles,
  startUserDataService,
  type UserDataHarness,
} from './userDataService.js';

const API_SECRET = 'S3cretValue0123456789';

describe.each(DRIVERS)('migrate-operator-fields on %s', (driver) => {
  let h: UserDataHarness;
  let id = '';
  beforeAll(async () => {
    h = await startUserDataService(driver, {
      REGSYNC_OPERATOR__THREEMA__GATEWAY_ID: '*REGSYNC',
      REGSYNC_OPERATOR__THREEMA__API_SECRET: 'GatewaySecret0123456789',
    });
    const current = await h.service.runtime.db.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ document: unknown }>>(
        `select document from definition where kind = 'integration' and key = 'threema' and removed_at is null`,
      );
    const legacy = Object.values(legacyThreemaFiles())[0]!.replace(
      '"key": "threema-legacy"',
      '"key": "threema"',
    );
    await h.commitAndSync({ 'integrations/threema/manifest.json': legacy });
    const res = await h.as('alice', '/api/v1/users/alice/connections', {
      method: 'POST',
      body: {
        integrationType: 'threema',
        config: { gatewayId: '*ABCDEFG', apiSecret: API_SECRET, recipientThreemaId: 'ECHOECHO' },
      },
    });
    expect(res.status).toBe(201);
    id = ((await res.json()) as { id: string }).id;
    await h.commitAndSync({
      'integrations/threema/manifest.json': JSON.stringify(current[0]!.document, null, 2),
    });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  const view = async () =>
    (await (await h.as('alice', `/api/v1/users/alice/connections/${id}`)).json()) as {
      config: Record<string, unknown>;
      configValid: boolean;
      findings: Array<{ pointer: string; rule: string }>;
    };
  const raw = async () =>
    JSON.stringify(
      await h.service.runtime.db.orm.em
        .fork()
        .getConnection()
        .execute(`select config from integration_connection where id = ?`, [id]),
    );

  it('the stored config with operator fields no longer validates against the 1.2 manifest', async () => {
    const before = await view();
    expect(before.configValid).toBe(false);
    expect(before.findings.map((f) => [f.pointer, f.rule])).toEqual(
      expect.arrayContaining([
        ['/config/threema_id', 'required'],
        ['/config/gatewayId', 'additionalProperties'],
      ]),
    );
  });

  it('a dry run reports the move and writes nothing', async () => {
    const stored = await raw();
    const report = await h.userData.connections.migrateOperatorFields({ dryRun: true });
    expect(report).toMatchObject({ dryRun: true, migrated: 0, invalid: 0 });
    expect(report.items).toEqual([
      {
        id,
        userId: 'alice',
        integrationType: 'threema',
        removed: ['apiSecret', 'gatewayId'],
        renamed: [['recipientThreemaId', 'threema_id']],
        findings: [],
      },
    ]);
    expect(JSON.stringify(report)).not.toContain(API_SECRET);
    expect(await raw()).toBe(stored);
  });

  it('the run moves the operator fields out, renames, re-validates; a rerun changes nothing', async () => {
    const report = await h.userData.connections.migrateOperatorFields();
    expect(report).toMatchObject({ dryRun: false, migrated: 1, invalid: 0 });
    const after = await view();
    expect(after).toMatchObject({
      config: { threema_id: 'ECHOECHO' },
      configValid: true,
      findings: [],
    });
    const stored = await raw();
    expect(stored).not.toContain('apiSecret');
    expect(stored).not.toContain('gatewayId');
    const again = await h.userData.connections.migrateOperatorFields();
    expect(again).toMatchObject({ migrated: 0, items: [] });
    expect(await raw()).toBe(stored);
  });
});
