/**
 * One attempt to POST a CloudEvent to a receiver, signed per Standard Webhooks. Node's
 * http/https with our own DNS lookup (addressPolicy.ts): the policy checks the address the
 * socket really connects to. A literal IP host is checked directly (no lookup happens).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { AddressRefused, checkedLookup, refusalOf } from './addressPolicy.js';
import { signWebhook } from './signWebhook.js';

/** What one attempt came to. */
export type SendResult =
  | { kind: 'delivered'; status: number }
  /** 5xx, 429, a network error or the timeout: worth another attempt. */
  | { kind: 'retry'; status: number | null; error: string }
  /** Another status (the receiver refused it): retrying the same body cannot help. */
  | { kind: 'failed'; status: number; error: string }
  /** The SSRF policy refused the address. */
  | { kind: 'refused'; error: string };

/** One signed delivery attempt: receiver, secret, Standard Webhooks id, body, deadline and address policy. */
export interface SendOptions {
  url: string;
  secret: string;
  /** `webhook-id`: the same on every attempt of one event, so receivers deduplicate. */
  id: string;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** Unix seconds; injected by tests. */
  now?: () => number;
}

/** Sends once; never throws. */
export function sendWebhook(options: SendOptions): Promise<SendResult> {
  const url = new URL(options.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !options.allowPrivate) {
    const why = refusalOf(host);
    if (why) return Promise.resolve({ kind: 'refused', error: `${host}: ${why}` });
  }
  const timestamp = Math.floor((options.now?.() ?? Date.now() / 1000) as number);
  const headers = {
    'Content-Type': 'application/cloudevents+json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(options.body)),
    'User-Agent': 'Regsync-Webhooks/1',
    'webhook-id': options.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook({
      secret: options.secret,
      id: options.id,
      timestamp,
      body: options.body,
    }),
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(
      url,
      { method: 'POST', headers, lookup: checkedLookup(options.allowPrivate) as never },
      (res) => {
        const status = res.statusCode ?? 0;
        // The answer's body is not ours to keep; read it to the end to free the socket.
        res.resume();
        res.on('end', () => {
          if (status >= 200 && status < 300) finish({ kind: 'delivered', status });
          else if (status >= 500 || status === 429)
            finish({ kind: 'retry', status, error: `answered ${status}` });
          else finish({ kind: 'failed', status, error: `answered ${status}` });
        });
        res.on('error', (error) => finish({ kind: 'retry', status, error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: 'retry', status: null, error: `no answer within ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error) => {
      if (
        error instanceof AddressRefused ||
        (error as { code?: string }).code === 'NOTIFY_ADDRESS_REFUSED'
      )
        finish({ kind: 'refused', error: error.message });
      else finish({ kind: 'retry', status: null, error: error.message });
    });
    req.end(options.body);
  });
}
