/**
 * A loopback webhook receiver for tests: records every request (path, headers, body) and
 * answers by a per-path script (status codes in order, `hang` to never answer, then 200).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: Received[];
  /** Answers for `path`, used in order; after them 200. */
  script(path: string, answers: Array<number | 'hang'>): void;
  /** Resolves once `count` requests reached `path`. */
  waitFor(path: string, count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/**
 * Starts the receiver on an ephemeral loopback port. `delayMs` holds every answer that long
 * (a slow receiver keeps a delivery in flight while other instances' dispatch rounds run).
 */
export async function startWebhookReceiver(
  options: { delayMs?: number } = {},
): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const scripts = new Map<string, Array<number | 'hang'>>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      });
      const answer = scripts.get(path)?.shift() ?? 200;
      if (answer === 'hang') return; // the sender's timeout ends it
      const reply = () =>
        res.writeHead(answer, { 'Content-Type': 'text/plain' }).end(String(answer));
      if (options.delayMs) setTimeout(reply, options.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    script(path, answers) {
      scripts.set(path, [...answers]);
    },
    async waitFor(path, count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const got = received.filter((r) => r.path === path);
        if (got.length >= count) return got;
        if (Date.now() > deadline)
          throw new Error(`${path}: ${got.length} of ${count} requests within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
