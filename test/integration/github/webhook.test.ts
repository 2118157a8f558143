import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeliveryDeduplicator } from '../../../src/github/DeliveryDeduplicator.js';
import { parsePushEvent, summarizePushPayload } from '../../../src/github/parsePushEvent.js';
import { verifyWebhookSignature } from '../../../src/github/verifyWebhookSignature.js';

const SECRET = 'webhook-secret-for-tests';
const body = Buffer.from('{"ref":"refs/heads/main","after":"' + 'd'.repeat(40) + '"}\n', 'utf8');
const sign = (bytes: Uint8Array, secret = SECRET): string =>
  `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;

describe('verifyWebhookSignature', () => {
  it("matches GitHub's documented example", () => {
    expect(
      verifyWebhookSignature({
        secret: "It's a Secret to Everybody",
        rawBody: Buffer.from('Hello, World!'),
        signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      }),
    ).toBe(true);
  });

  it('accepts a valid signature over the raw bytes (upper-case hex too)', () => {
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: body, signature: sign(body) })).toBe(
      true,
    );
    const upper = `sha256=${sign(body).slice(7).toUpperCase()}`;
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: body, signature: upper })).toBe(true);
  });

  it('refuses a signature made with another secret', () => {
    expect(
      verifyWebhookSignature({ secret: SECRET, rawBody: body, signature: sign(body, 'other') }),
    ).toBe(false);
  });

  it('refuses a tampered body, including a re-serialised one', () => {
    const signature = sign(body);
    const tampered = Buffer.from(body);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 3) ^ 1, tampered.length - 3);
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: tampered, signature })).toBe(false);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: reserialised, signature })).toBe(
      false,
    );
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['no prefix', sign(body).slice(7)],
    ['sha1 prefix', `sha1=${sign(body).slice(7)}`],
    ['not hex', `sha256=${'z'.repeat(64)}`],
    ['shorter', sign(body).slice(0, -2)],
    ['longer', `${sign(body)}00`],
    ['odd length', sign(body).slice(0, -1)],
    ['repeated header', [sign(body), sign(body)]],
    ['trailing garbage', `${sign(body)};x`],
  ])('refuses a %s header without throwing', (_label, signature) => {
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: body, signature })).toBe(false);
  });

  it('refuses everything with an empty secret, even a matching signature', () => {
    expect(verifyWebhookSignature({ secret: '', rawBody: body, signature: sign(body, '') })).toBe(
      false,
    );
  });

  it('never throws on junk input', () => {
    const junk = [null, 42, {}, 'text'] as unknown[];
    for (const j of junk) {
      expect(
        verifyWebhookSignature({ secret: SECRET, rawBody: j as Uint8Array, signature: sign(body) }),
      ).toBe(false);
      expect(
        verifyWebhookSignature({ secret: j as string, rawBody: body, signature: sign(body) }),
      ).toBe(false);
    }
  });
});

describe('parsePushEvent', () => {
  const push = (over: Record<string, unknown> = {}) => ({
    ref: 'refs/heads/main',
    before: 'b'.repeat(40),
    after: 'a'.repeat(40),
    deleted: false,
    repository: { full_name: 'acme/registry', default_branch: 'main' },
    ...over,
  });

  it('ping', () => {
    expect(
      parsePushEvent({
        event: 'ping',
        body: { zen: 'Keep it logically awesome.' },
        branch: 'main',
      }),
    ).toEqual({
      kind: 'ping',
    });
  });

  it('a push to the tracked branch triggers', () => {
    expect(
      parsePushEvent({ event: 'push', body: push(), branch: 'main', repository: 'acme/registry' }),
    ).toEqual({
      kind: 'push',
      ref: 'refs/heads/main',
      after: 'a'.repeat(40),
      repository: 'acme/registry',
    });
  });

  it('without a configured branch, follows the default branch named in the payload', () => {
    expect(parsePushEvent({ event: 'push', body: push() }).kind).toBe('push');
    expect(parsePushEvent({ event: 'push', body: push({ ref: 'refs/heads/dev' }) }).kind).toBe(
      'ignored',
    );
  });

  it.each([
    ['another branch', { ref: 'refs/heads/feature/x' }, 'push to branch feature/x, following main'],
    [
      'a branch whose name ends like ours',
      { ref: 'refs/heads/not-main' },
      'push to branch not-main, following main',
    ],
    ['a tag', { ref: 'refs/tags/v1.0.0' }, 'tag push (refs/tags/v1.0.0)'],
    ['a note ref', { ref: 'refs/notes/commits' }, 'push to refs/notes/commits, not a branch'],
    [
      'a deletion of the branch',
      { after: '0'.repeat(40), deleted: true },
      'refs/heads/main deleted',
    ],
    ['a deletion by zero sha only', { after: '0'.repeat(40) }, 'refs/heads/main deleted'],
    [
      'another repository',
      { repository: { full_name: 'acme/other' } },
      'push to acme/other, following acme/registry',
    ],
    ['a non-sha after', { after: 'HEAD' }, 'malformed push payload: after is not a commit sha'],
    ['no ref', { ref: undefined }, 'malformed push payload'],
    ['no repository', { repository: undefined }, 'malformed push payload: no repository'],
  ])('ignores %s', (_label, over, reason) => {
    expect(
      parsePushEvent({
        event: 'push',
        body: push(over),
        branch: 'main',
        repository: 'acme/registry',
      }),
    ).toEqual({
      kind: 'ignored',
      reason,
    });
  });

  it('follows a tag when REGSYNC_BRANCH names one: moving that tag triggers, others do not', () => {
    const moved = parsePushEvent({
      event: 'push',
      body: push({ ref: 'refs/tags/stable' }),
      branch: 'stable',
    });
    expect(moved).toMatchObject({ kind: 'push', ref: 'refs/tags/stable' });
    const other = parsePushEvent({
      event: 'push',
      body: push({ ref: 'refs/tags/v2' }),
      branch: 'stable',
    });
    expect(other).toEqual({ kind: 'ignored', reason: 'tag push (refs/tags/v2)' });
    const deleted = parsePushEvent({
      event: 'push',
      body: push({ ref: 'refs/tags/stable', after: '0'.repeat(40), deleted: true }),
      branch: 'stable',
    });
    expect(deleted).toEqual({ kind: 'ignored', reason: 'refs/tags/stable deleted' });
  });

  it('summarizePushPayload reads the fields the HTTP route needs, and nothing from junk', () => {
    expect(summarizePushPayload(push())).toEqual({
      ref: 'refs/heads/main',
      after: 'a'.repeat(40),
      deleted: false,
      defaultBranch: 'main',
      repository: 'acme/registry',
    });
    expect(summarizePushPayload(push({ after: '0'.repeat(40), repository: null }))).toEqual({
      ref: 'refs/heads/main',
      after: '0'.repeat(40),
      deleted: true,
    });
    for (const junk of [null, [], 'x', { ref: 'refs/heads/main' }])
      expect(summarizePushPayload(junk)).toBeUndefined();
  });

  it('compares the repository name case-insensitively, as GitHub does', () => {
    const body = push({ repository: { full_name: 'Acme/Registry' } });
    expect(
      parsePushEvent({ event: 'push', body, branch: 'main', repository: 'acme/registry' }).kind,
    ).toBe('push');
  });

  it.each([
    ['pull_request', push()],
    ['check_run', {}],
    [undefined, push()],
  ])('ignores the %s event', (event, body) => {
    expect(parsePushEvent({ event, body, branch: 'main' })).toEqual({
      kind: 'ignored',
      reason: `event "${String(event)}" is not handled`,
    });
  });

  it.each([null, 'text', 42, [], { ref: 1, after: 2 }])(
    'ignores a malformed body %j without throwing',
    (body) => {
      expect(parsePushEvent({ event: 'push', body, branch: 'main' }).kind).toBe('ignored');
    },
  );
});

describe('DeliveryDeduplicator', () => {
  const clockAt = (start: number) => {
    const clock = { ms: start, now: () => new Date(clock.ms) };
    return clock;
  };

  it('a repeated delivery is a duplicate', () => {
    const dedupe = new DeliveryDeduplicator();
    expect(dedupe.remember('72d3162e-cc78-11e3-81ab-4c9367dc0958')).toBe('new');
    expect(dedupe.remember('72d3162e-cc78-11e3-81ab-4c9367dc0958')).toBe('duplicate');
    expect(dedupe.remember('72d3162e-cc78-11e3-81ab-4c9367dc0959')).toBe('new');
  });

  it('forgets an id once its TTL has passed since it was last seen', () => {
    const clock = clockAt(0);
    const dedupe = new DeliveryDeduplicator({ ttlMs: 1000, clock });
    dedupe.remember('a');
    clock.ms = 999;
    expect(dedupe.remember('a')).toBe('duplicate'); // seen again: the TTL restarts
    clock.ms = 1998;
    expect(dedupe.remember('a')).toBe('duplicate');
    clock.ms = 2998;
    expect(dedupe.remember('a')).toBe('new');
  });

  it('drops expired ids, so memory follows the delivery rate', () => {
    const clock = clockAt(0);
    const dedupe = new DeliveryDeduplicator({ ttlMs: 1000, clock });
    for (let i = 0; i < 50; i++) dedupe.remember(`old-${i}`);
    clock.ms = 5000;
    dedupe.remember('fresh');
    expect(dedupe.size).toBe(1);
  });

  it('is bounded: the least recently seen id goes first', () => {
    const dedupe = new DeliveryDeduplicator({ maxEntries: 3, clock: clockAt(0) });
    dedupe.remember('a');
    dedupe.remember('b');
    dedupe.remember('c');
    dedupe.remember('a'); // a is now the most recent
    dedupe.remember('d'); // evicts b
    expect(dedupe.size).toBe(3);
    expect(dedupe.remember('a')).toBe('duplicate');
    expect(dedupe.remember('b')).toBe('new');
  });

  it('forget lets a retried delivery through; an empty id is never stored', () => {
    const dedupe = new DeliveryDeduplicator();
    dedupe.remember('x');
    dedupe.forget('x');
    expect(dedupe.remember('x')).toBe('new');
    expect(dedupe.remember('')).toBe('new');
    expect(dedupe.remember('')).toBe('new');
  });

  it('refuses nonsense bounds', () => {
    expect(() => new DeliveryDeduplicator({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new DeliveryDeduplicator({ ttlMs: 0 })).toThrow(RangeError);
  });
});

describe('properties (fast-check)', () => {
  it('a signature verifies its own body and no body with one bit flipped', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.string({ minLength: 1 }),
        fc.nat(),
        (bytes, secret, at) => {
          const signature = sign(bytes, secret);
          expect(verifyWebhookSignature({ secret, rawBody: bytes, signature })).toBe(true);
          const flipped = Uint8Array.from(bytes);
          const i = at % flipped.length;
          flipped[i] = (flipped[i] ?? 0) ^ (1 << (at % 8));
          expect(verifyWebhookSignature({ secret, rawBody: flipped, signature })).toBe(false);
        },
      ),
    );
  });

  it('the deduplicator agrees with a plain reference model of an LRU with a sliding TTL', () => {
    const op = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      advance: fc.integer({ min: 0, max: 400 }),
    });
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 200 }),
        fc.integer({ min: 1, max: 4 }),
        (ops, maxEntries) => {
          const clock = { ms: 0, now: () => new Date(clock.ms) };
          const dedupe = new DeliveryDeduplicator({ maxEntries, ttlMs: 1000, clock });
          let model: Array<{ id: string; at: number }> = []; // least recently seen first
          for (const { id, advance } of ops) {
            clock.ms += advance;
            model = model.filter((e) => clock.ms - e.at < 1000);
            const expected = model.some((e) => e.id === id) ? 'duplicate' : 'new';
            model = [...model.filter((e) => e.id !== id), { id, at: clock.ms }].slice(-maxEntries);
            expect(dedupe.remember(id)).toBe(expected);
            expect(dedupe.size).toBe(model.length);
          }
        },
      ),
    );
  });
});
