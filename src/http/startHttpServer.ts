import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientErrors } from './answerClientError.js';

/** A listening server: the address actually bound, the handler swap, and `close()`. */
export interface HttpServerHandle {
  server: Server;
  /** `http://<host>:<port>` actually bound (PORT=0 picks a free port). */
  url: string;
  port: number;
  /** Swaps the request handler (the bootstrap handler answers until the app is built). */
  use(handler: RequestListener): void;
  /**
   * Stops accepting connections, lets requests in flight finish (idle keep-alive
   * connections are closed at once), and after `graceMs` closes whatever is left.
   */
  close(graceMs?: number): Promise<void>;
}

/** Listens on `host:port` and resolves once bound. */
export async function startHttpServer(options: {
  port: number;
  host: string;
  handler: RequestListener;
}): Promise<HttpServerHandle> {
  let handler = options.handler;
  const server = createServer((req, res) => handler(req, res));
  // Slow clients cannot hold a socket forever; a load balancer's keep-alive outlives ours.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${host}:${address.port}`,
    port: address.port,
    use(next) {
      handler = next;
    },
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
