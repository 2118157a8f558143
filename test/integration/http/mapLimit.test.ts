/**
 * The bound on map work in flight (issue 10, point 6), against the real service: with
 * REGSYNC_MAP_CONCURRENCY=1 and REGSYNC_MAP_QUEUE=1, a request whose body is still arriving
 * holds the one slot, a second waits, and a third is refused at once with 503 OVERLOADED,
 * Retry-After and problem+json; when the first finishes the second runs, and the slot frees
 * again. States are read from /metrics (regsync_map_requests), never from timing.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { serviceOnBundledRegistry } from './service.js';

const MAP = '/api/v1/integrations/gmail/models/message/map';
const BODY = JSON.stringify({ records: [{ id: 'm1', threadId: 't1', payload: { headers: [] } }] });

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A map request whose headers and first body byte are sent; `finish()` sends the rest. */
function openMapRequest(url: string): { finish(): void; answer: Promise<Answer> } {
  const { hostname, port } = new URL(url);
  let req: ClientRequest | undefined;
  const answer = new Promise<Answer>((resolve, reject) => {
    req = request(
      {
        host: hostname,
        port,
        method: 'POST',
        path: MAP,
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BODY) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    // A refused request's connection is closed before its body is sent: not an error here.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.write(BODY.slice(0, 1));
  });
  return { finish: () => req?.end(BODY.slice(1)), answer };
}

describe('map requests in flight are bounded', () => {
  const h = serviceOnBundledRegistry({
    driver: 'pglite',
    env: { REGSYNC_MAP_CONCURRENCY: '1', REGSYNC_MAP_QUEUE: '1' },
  });

  const mapState = async (): Promise<{ running: number; waiting: number }> => {
    const text = await (await h.service.fetch('/metrics')).text();
    const read = (state: string) =>
      Number(
        new RegExp(`^regsync_map_requests\\{state="${state}"\\} (\\d+)$`, 'm').exec(text)?.[1],
      );
    return { running: read('running'), waiting: read('waiting') };
  };
  const until = async (want: { running: number; waiting: number }) => {
    for (let i = 0; i < 400; i++) {
      const state = await mapState();
      if (state.running === want.running && state.waiting === want.waiting) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await mapState()).toEqual(want);
  };

  it('refuses past concurrency + queue with 503 OVERLOADED and Retry-After, then recovers', async () => {
    await until({ running: 0, waiting: 0 });
    const first = openMapRequest(h.service.url);
    await until({ running: 1, waiting: 0 });
    const second = openMapRequest(h.service.url);
    await until({ running: 1, waiting: 1 });

    const third = openMapRequest(h.service.url);
    const refused = await third.answer;
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.body)).toMatchObject({
      status: 503,
      code: 'OVERLOADED',
      type: 'urn:regsync:problem:overloaded',
    });
    expect(
      (await h.service.fetch('/metrics').then((r) => r.text())).match(
        /^regsync_map_requests_refused_total (\d+)$/m,
      )?.[1],
    ).toBe('1');
    // Other routes are not bounded by it.
    expect((await h.service.fetch('/healthz')).status).toBe(200);
    expect((await h.service.fetch('/api/v1/integrations/gmail')).status).toBe(200);

    first.finish();
    expect((await first.answer).status).toBe(200);
    await until({ running: 1, waiting: 0 });
    second.finish();
    const mapped = await second.answer;
    expect(mapped.status).toBe(200);
    expect(JSON.parse(mapped.body)).toMatchObject({ counts: { records: 1 } });
    await until({ running: 0, waiting: 0 });
  });

  it('a client that leaves while waiting gives up its place', async () => {
    const first = openMapRequest(h.service.url);
    await until({ running: 1, waiting: 0 });
    const { hostname, port } = new URL(h.service.url);
    const leaving = request({
      host: hostname,
      port,
      method: 'POST',
      path: MAP,
      agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': '100' },
    });
    leaving.on('error', () => undefined);
    leaving.write('{');
    await until({ running: 1, waiting: 1 });
    leaving.destroy();
    await until({ running: 1, waiting: 0 });
    first.finish();
    expect((await first.answer).status).toBe(200);
    await until({ running: 0, waiting: 0 });
  });
});
