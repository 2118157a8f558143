/**
 * The example consumer (examples/feed-consumer/follow.mjs) against a real server: the
 * service on a bare Git copy of the bundled registry (PGlite), the example run as a child
 * process with `regsync/*` resolved to this checkout's library entries (src/lib, through
 * tsx, so the sources under test are what it imports). It must read Stripe from the catalog
 * with the typed client, compile the customer mapping and map Stripe's published customer
 * payload in-process exactly as the reviewed vendor expectation says; then follow the feed:
 * a commit that changes the mapping reaches it as an event, and it recompiles and maps with
 * the new mapping; a stream the server ends is resumed with `Last-Event-ID`; and restarted
 * with `--last-event-id`, it gets the event recorded while it was down.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { REPO_ROOT } from '../../helpers/packageCopy.js';
import { changeAndSync } from '../feed/changeAndSync.js';
import { ADMIN_TOKEN, serviceOnBundledRegistry } from '../http/service.js';

/** Resolves `regsync/<entry>` to src/lib/<entry>.ts, as the package's `exports` do for dist/. */
const HOOKS = `
export async function resolve(specifier, context, next) {
  const m = /^regsync\\/(mapping|manifest|client)$/.exec(specifier);
  if (m) return next(${JSON.stringify(`file://${REPO_ROOT}src/lib/`)} + m[1] + '.ts', context);
  return next(specifier, context);
}`;
const MAP_ENTRIES = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(
    `data:text/javascript,${encodeURIComponent(HOOKS)}`,
  )});`,
)}`;

const PAYLOAD = join(REPO_ROOT, 'test/fixtures/vendor/stripe/customer.payload.json');
const EXPECTED = join(REPO_ROOT, 'test/fixtures/vendor/stripe/customer.expected.json');

type Line = Record<string, unknown> & { type: string };

/** The example as a child process, its stdout lines parsed as they come. */
class Consumer {
  readonly lines: Line[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  #stderr = '';
  #waiters = new Set<() => void>();

  constructor(url: string, extra: string[] = []) {
    this.child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        MAP_ENTRIES,
        join(REPO_ROOT, 'examples/feed-consumer/follow.mjs'),
        '--url',
        url,
        '--payload',
        PAYLOAD,
        ...extra,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stderr?.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.lines.push(JSON.parse(line) as Line);
      for (const wake of [...this.#waiters]) wake();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** The first line from `from` on that matches, waiting for it. */
  next(match: (line: Line) => boolean, from = 0, timeoutMs = 60_000): Promise<Line> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.slice(from).find(match);
        if (!found) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`no such line; got ${JSON.stringify(this.lines)}; ${this.#stderr}`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** Points the customer mapping's `name` field at `source` (`name` as shipped), commits and pushes. */
async function commitNameSource(repo: TestRepo, source: 'name' | 'invoice_prefix'): Promise<void> {
  const path = 'integrations/stripe/manifest.json';
  const manifest = JSON.parse(await readFile(join(repo.work, path), 'utf8')) as {
    mappings: Array<{ model: string; fields: Record<string, { source?: string }> }>;
  };
  const customer = manifest.mappings.find((m) => m.model === 'customer');
  if (!customer?.fields.name) throw new Error('the stripe manifest changed shape');
  customer.fields.name.source = source;
  await repo.commit({ [path]: `${JSON.stringify(manifest, null, 2)}\n` }, `name from ${source}`);
  await repo.push('main');
}

describe('examples/feed-consumer', () => {
  const running = serviceOnBundledRegistry({ driver: 'pglite' });
  const consumers: Consumer[] = [];
  afterAll(async () => {
    for (const c of consumers) if (c.child.exitCode === null) await c.stop();
  });
  const stripe = async () =>
    (await (await running.service.fetch('/api/v1/integrations/stripe')).json()) as {
      checksum: string;
      revision: string;
    };
  const sync = async () => {
    const res = await running.service.fetch('/api/v1/sync', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const run = await running.service.waitForRun(((await res.json()) as { runId: string }).runId);
    expect(run).toMatchObject({ status: 'succeeded' });
  };
  let expected: { records: Array<{ attributes: Record<string, unknown> }> };
  let lastId = '';

  it('compiles the mapping read with the typed client and maps a batch in-process', async () => {
    expected = JSON.parse(await readFile(EXPECTED, 'utf8')) as typeof expected;
    const consumer = new Consumer(running.service.url);
    consumers.push(consumer);
    await consumer.next((l) => l.type === 'listening');
    const detail = await stripe();
    const [compiled, mapped, listening] = consumer.lines;
    expect(compiled).toEqual({
      type: 'compiled',
      why: 'start',
      revision: detail.revision,
      checksum: detail.checksum,
    });
    expect(mapped).toEqual({
      type: 'mapped',
      checksum: detail.checksum,
      ok: expected.records.length,
      failed: 0,
      first: expected.records[0]?.attributes,
    });
    expect(listening).toEqual({ type: 'listening', after: null });
  }, 120_000);

  it('follows the feed: a mapping change is recompiled and the batch mapped with it', async () => {
    const [consumer] = consumers as [Consumer];
    const from = consumer.lines.length;
    await commitNameSource(running.repo, 'invoice_prefix');
    await sync();
    const event = await consumer.next((l) => l.type === 'event', from);
    const detail = await stripe();
    expect(event).toEqual({
      type: 'event',
      id: expect.any(Number),
      revision: detail.revision,
      ours: 'updated',
    });
    const compiled = await consumer.next((l) => l.type === 'compiled', from);
    expect(compiled).toEqual({
      type: 'compiled',
      why: `event ${event.id}: updated`,
      revision: detail.revision,
      checksum: detail.checksum,
    });
    const mapped = await consumer.next((l) => l.type === 'mapped', from);
    expect(mapped).toMatchObject({ checksum: detail.checksum, ok: 1, failed: 0 });
    expect(mapped.first).toEqual({ ...expected.records[0]?.attributes, name: '7FE1103' });
    lastId = String(event.id);
  }, 120_000);

  it('resumes a stream the server ended with Last-Event-ID, and gets what was recorded meanwhile', async () => {
    const [consumer] = consumers as [Consumer];
    const from = consumer.lines.length;
    // A drain (what a shutdown does first) ends the stream; the event is recorded before
    // the example's reconnect (one second later) in the usual case, live after it otherwise.
    running.service.http.endStreams();
    await changeAndSync(running.service, running.repo, 'stripe', 'Stripe, while reconnecting.');
    const listening = await consumer.next((l) => l.type === 'listening', from);
    expect(listening).toEqual({ type: 'listening', after: lastId });
    const event = await consumer.next((l) => l.type === 'event', from);
    expect(event).toMatchObject({ id: Number(lastId) + 1, ours: 'updated' });
    lastId = String(event.id);
    const code = await consumer.stop();
    expect(code === 0 || code === null).toBe(true);
  }, 120_000);

  it('restarted with --last-event-id, it gets the event recorded while it was down', async () => {
    await commitNameSource(running.repo, 'name');
    await sync();
    const consumer = new Consumer(running.service.url, [
      '--last-event-id',
      lastId,
      '--max-events',
      '1',
    ]);
    consumers.push(consumer);
    await consumer.next((l) => l.type === 'event');
    const detail = await stripe();
    expect(await consumer.exited).toBe(0);
    const types = consumer.lines.map((l) => l.type);
    expect(types).toEqual(['compiled', 'mapped', 'listening', 'event']);
    expect(consumer.lines[1]?.first).toEqual(expected.records[0]?.attributes);
    expect(consumer.lines[2]).toEqual({ type: 'listening', after: lastId });
    expect(consumer.lines[3]).toEqual({
      type: 'event',
      id: Number(lastId) + 1,
      revision: detail.revision,
      ours: 'updated',
    });
  }, 120_000);
});
