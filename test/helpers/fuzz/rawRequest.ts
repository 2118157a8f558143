/**
 * One HTTP/1.1 exchange over `node:http` with the request exactly as given: the request target
 * is sent as written (fetch would normalize it, and refuses some bytes), header values are sent
 * as latin1 bytes (so `\u00ff` arrives as the byte 0xFF: invalid UTF-8), headers may repeat,
 * and the body is raw bytes. Never throws: a transport failure or a missing answer is data.
 */
import { request, type Agent } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface RawRequest {
  method: string;
  /** The request target as sent: path and query, already percent-encoded (or not). */
  target: string;
  /** Name/value pairs in order; a name may repeat. */
  headers: Array<[string, string]>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
}

export type RawOutcome =
  | { kind: 'response'; response: RawResponse }
  | { kind: 'refused-by-client'; message: string }
  | { kind: 'transport'; message: string };

/** Sends `req` to `origin` (`http://127.0.0.1:port`), waiting at most `timeoutMs` for the answer. */
export function sendRaw(
  origin: string,
  req: RawRequest,
  options: { timeoutMs: number; agent?: Agent },
): Promise<RawOutcome> {
  const url = new URL(origin);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of req.headers) {
    const key = name.toLowerCase();
    const seen = headers[key];
    headers[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  if (req.body) headers['content-length'] = String(req.body.length);
  return new Promise((resolve) => {
    const start = performance.now();
    let settled = false;
    const settle = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let client;
    try {
      client = request({
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.target,
        headers,
        agent: options.agent ?? false,
        timeout: options.timeoutMs,
      });
    } catch (error) {
      // node:http refuses to send it (a control character in the target, a bad header name):
      // no server would ever see this request from a conforming client.
      settle({ kind: 'refused-by-client', message: (error as Error).message });
      return;
    }
    client.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        settle({
          kind: 'response',
          response: {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: performance.now() - start,
          },
        }),
      );
      res.on('error', (error) => settle({ kind: 'transport', message: error.message }));
    });
    client.on('timeout', () => {
      settle({ kind: 'transport', message: `no answer within ${options.timeoutMs} ms` });
      client.destroy();
    });
    client.on('error', (error) => settle({ kind: 'transport', message: error.message }));
    if (req.body) client.end(req.body);
    else client.end();
  });
}
