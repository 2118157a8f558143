/**
 * Outbound webhooks on the real service (real Git registry, PGlite and PostgreSQL) against a
 * loopback receiver: each change event arrives as a CloudEvents 1.0 structured-mode JSON,
 * signed per Standard Webhooks and verified with the spec's reference library
 * (`standardwebhooks`' Webhook.verify); a 500 and a timeout are retried with backoff; the
 * delivery log at GET /api/v1/notifications/deliveries shows every attempt.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../helpers/databases.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhookReceiver.js';
import { ADMIN_TOKEN, createRegistryRepo, startService, type Service } from '../http/service.js';

export const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

interface DeliveryJson {
  eventId: number;
  receiver: string;
  status: string;
  attempts: Array<{ outcome: string; httpStatus: number | null; error: string | null }>;
}

async function deliveries(service: Service): Promise<DeliveryJson[]> {
  const res = await service.fetch('/api/v1/notifications/deliveries?limit=100', {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: DeliveryJson[] }).items;
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(DRIVERS)('%s', (driver) => {
  let repo: TestRepo;
  let service: Service;
  let receiver: WebhookReceiver;
  let dir: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    receiver.script('/flaky', [500]);
    receiver.script('/slow', ['hang']);
    dir = await mkdtemp(join(tmpdir(), 'regsync-notify-'));
    const file = join(dir, 'receivers.json');
    await writeFile(
      file,
      JSON.stringify({
        receivers: [
          { url: `${receiver.url}/slow`, secretEnv: 'SLOW_SECRET', timeoutMs: 400 },
          {
            url: `${receiver.url}/templates-only`,
            filter: { kinds: ['template'], keys: ['none'] },
          },
        ],
      }),
    );
    repo = await createRegistryRepo();
    service = await startService({
      driver,
      repo,
      env: {
        REGSYNC_NOTIFY_URLS: `${receiver.url}/ok,${receiver.url}/flaky`,
        REGSYNC_NOTIFY_FILE: file,
        REGSYNC_NOTIFY_SECRET: SECRET,
        SLOW_SECRET: SECRET,
        REGSYNC_NOTIFY_ALLOW_PRIVATE: 'true',
        REGSYNC_NOTIFY_BACKOFF_MS: '50',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await receiver?.close();
    await repo?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers the startup sync event as a signed CloudEvent the reference library verifies', async () => {
    const [got] = await receiver.waitFor('/ok', 1);
    expect(got?.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    const headers = {
      'webhook-id': String(got?.headers['webhook-id']),
      'webhook-timestamp': String(got?.headers['webhook-timestamp']),
      'webhook-signature': String(got?.headers['webhook-signature']),
    };
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(SECRET).verify(got?.body ?? '', headers) as Record<
      string,
      unknown
    >;
    expect(verified).toMatchObject({
      specversion: '1.0',
      type: 'dev.regsync.catalog.changed',
      source: '/regsync/catalog',
      datacontenttype: 'application/json',
    });
    const data = verified.data as { id: number; changes: Array<{ key: string; change: string }> };
    expect(verified.id).toBe(String(data.id));
    expect(data.changes).toContainEqual(
      expect.objectContaining({ key: 'zendesk', change: 'added' }),
    );
    // A signature under another secret, or of another body, is refused by the same library.
    expect(() =>
      new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(got?.body ?? '', headers),
    ).toThrow();
    expect(() => new Webhook(SECRET).verify(`${got?.body} `, headers)).toThrow();
  });

  it('retries after a 500 with the same webhook-id, and logs both attempts', async () => {
    const [first, second] = await receiver.waitFor('/flaky', 2);
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    expect(() =>
      new Webhook(SECRET).verify(second?.body ?? '', {
        'webhook-id': String(second?.headers['webhook-id']),
        'webhook-timestamp': String(second?.headers['webhook-timestamp']),
        'webhook-signature': String(second?.headers['webhook-signature']),
      }),
    ).not.toThrow();
    const log = await until(
      () => deliveries(service),
      (d) => d.some((x) => x.receiver.endsWith('/flaky') && x.status === 'delivered'),
    );
    const flaky = log.find((d) => d.receiver.endsWith('/flaky'));
    expect(flaky?.attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([
      ['retry', 500],
      ['delivered', 200],
    ]);
  });

  it('retries after a timeout (the receiver never answered the first attempt)', async () => {
    await receiver.waitFor('/slow', 2);
    const log = await until(
      () => deliveries(service),
      (d) => d.some((x) => x.receiver.endsWith('/slow') && x.status === 'delivered'),
    );
    const slow = log.find((d) => d.receiver.endsWith('/slow'));
    expect(slow?.attempts.map((a) => a.outcome)).toEqual(['retry', 'delivered']);
    expect(slow?.attempts[0]?.error).toMatch(/no answer within 400 ms/);
  });

  it('sends nothing to a receiver whose filter no change matches; each event reached /ok once', async () => {
    expect(receiver.received.filter((r) => r.path === '/templates-only')).toEqual([]);
    const log = await deliveries(service);
    expect(log.filter((d) => d.receiver.endsWith('/templates-only'))).toEqual([]);
    const ok = receiver.received.filter((r) => r.path === '/ok');
    expect(new Set(ok.map((r) => r.headers['webhook-id'])).size).toBe(ok.length);
  });

  it('the delivery log is admin only and paged', async () => {
    const anonymous = await service.fetch('/api/v1/notifications/deliveries');
    expect(anonymous.status).toBe(401);
    const first = await service.fetch('/api/v1/notifications/deliveries?limit=1', {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const page = (await first.json()) as { items: DeliveryJson[]; nextCursor: string };
    expect(page.items).toHaveLength(1);
    const next = await service.fetch(
      `/api/v1/notifications/deliveries?limit=100&cursor=${page.nextCursor}`,
      { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    const rest = (await next.json()) as { items: DeliveryJson[] };
    expect(rest.items.map((d) => d.receiver)).not.toContain(page.items[0]?.receiver);
    expect(rest.items).toHaveLength(2);
  });
});
