/**
 * The SSRF policy of the outbound webhooks against a real loopback receiver: loopback by
 * name (resolved at send time) and by literal address are refused and nothing reaches the
 * receiver, unless private addresses are allowed; the refused ranges include the private,
 * link-local and metadata ranges, also inside IPv4-mapped IPv6. And through the service: a
 * receiver configured at a loopback address, with private addresses not allowed, gets
 * nothing, and the delivery log says `refused` after one attempt (no retry can help).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalOf } from '../../../src/notify/addressPolicy.js';
import { sendWebhook } from '../../../src/notify/sendWebhook.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhookReceiver.js';
import { ADMIN_TOKEN, createRegistryRepo, startService } from '../http/service.js';

const SECRET = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;

describe('the SSRF policy', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  const send = (url: string, allowPrivate: boolean) =>
    sendWebhook({ url, secret: SECRET, id: 'msg_1', body: '{}', timeoutMs: 2000, allowPrivate });

  it('refuses a name that resolves to loopback, checked on the resolved address', async () => {
    const result = await send(`http://localhost:${receiver.port}/hook`, false);
    expect(result).toMatchObject({ kind: 'refused' });
    expect(result.kind === 'refused' && result.error).toMatch(/localhost resolves to .*loopback/);
    expect(receiver.received).toEqual([]);
  });

  it('refuses a literal private address without connecting', async () => {
    const result = await send(`http://127.0.0.1:${receiver.port}/hook`, false);
    expect(result).toMatchObject({ kind: 'refused' });
    expect(await send('http://[::ffff:169.254.169.254]/latest/meta-data', false)).toMatchObject({
      kind: 'refused',
    });
    expect(receiver.received).toEqual([]);
  });

  it('sends once private addresses are allowed (REGSYNC_NOTIFY_ALLOW_PRIVATE=true)', async () => {
    expect(await send(`http://localhost:${receiver.port}/hook`, true)).toEqual({
      kind: 'delivered',
      status: 200,
    });
    expect(receiver.received).toHaveLength(1);
  });

  it.each([
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fd00:ec2::254', true],
    ['fe80::1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['64:ff9b::a9fe:a9fe', true],
    ['93.184.215.14', false],
    ['2606:4700:4700::1111', false],
  ])('%s refused: %s', (address, refused) => {
    expect(refusalOf(address) !== undefined).toBe(refused);
  });
});

describe('the service with a receiver at a private address', () => {
  it('sends nothing there and logs the delivery as refused, in one attempt', async () => {
    const receiver = await startWebhookReceiver();
    const repo = await createRegistryRepo();
    const service = await startService({
      driver: 'pglite',
      repo,
      env: {
        REGSYNC_NOTIFY_URLS: `http://127.0.0.1:${receiver.port}/hook`,
        REGSYNC_NOTIFY_SECRET: SECRET,
      },
    });
    try {
      // The startup sync's event; the dispatcher's round is awaited, not slept for.
      let log: Array<{ status: string; attempts: Array<{ outcome: string; error: string }> }> = [];
      for (let i = 0; i < 100 && log.length === 0; i++) {
        await service.http.dispatcher.kick();
        const res = await service.fetch('/api/v1/notifications/deliveries', {
          headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        log = ((await res.json()) as { items: typeof log }).items.filter(
          (d) => d.status !== 'pending',
        );
        if (log.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(log).toHaveLength(1);
      expect(log[0]?.status).toBe('refused');
      expect(log[0]?.attempts.map((a) => a.outcome)).toEqual(['refused']);
      expect(log[0]?.attempts[0]?.error).toMatch(/127\.0\.0\.1.*loopback/);
      expect(receiver.received).toEqual([]);
    } finally {
      await service.close();
      await receiver.close();
      await repo.cleanup();
    }
  }, 120_000);
});
