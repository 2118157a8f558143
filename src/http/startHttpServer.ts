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

/**
 * The socket timeouts of every server this process starts (docs/http-api.md, "Limits"): slow
 * clients cannot hold a socket forever, and a load balancer's keep-alive (60 s on AWS ALB)
 * ends before ours, so it never sends on a socket we are closing.
 */
export const SERVER_TIMEOUTS = {
  /** Whole request (headers and body) received within this. */
  requestMs: 30_000,
  /** Request line and headers received within this. */
  headersMs: 20_000,
  /** An idle keep-alive socket is closed after this. */
  keepAliveMs: 65_000,
} as const;

/** Listens on `host:port` with `SERVER_TIMEOUTS` and resolves once bound. */
export async function startHttpServer(options: {
  port: number;
  host: string;
  handler: RequestListener;
}): Promise<HttpServerHandle> {
  let handler = options.handler;
  const server = createServer((req, res) => handler(req, res));
  server.requestTimeout = SERVER_TIMEOUTS.requestMs;
  server.headersTimeout = SERVER_TIMEOUTS.headersMs;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveMs;
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
