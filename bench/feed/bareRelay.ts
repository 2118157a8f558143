/**
 * The feed benchmark's reference, in its own process like an instance: the least a
 * LISTEN/NOTIFY-based SSE feed can do. It LISTENs on the feed's channel with a bare
 * node-postgres session and writes each NOTIFY's payload (the event id) to its SSE clients
 * at once, without reading the event row, serializing it or any of the service around it.
 * Prints `{"url": ...}` on stdout once it listens. DATABASE_URL names the database.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FEED_CHANNEL } from '../../src/db/catalogChannel.js';
import { listenBare } from './pgClient.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('bareRelay: DATABASE_URL is required');
const clients = new Set<ServerResponse>();
const session = await listenBare(url, FEED_CHANNEL, (id) => {
  const frame = `id: ${id}\nevent: change\ndata: {"id":${id}}\n\n`;
  for (const res of clients) res.write(frame);
});
const server = createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
  res.flushHeaders();
  clients.add(res);
  req.on('close', () => clients.delete(res));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
);
process.on('SIGTERM', () => {
  for (const res of clients) res.end();
  server.close();
  void session.end().then(() => process.exit(0));
});
