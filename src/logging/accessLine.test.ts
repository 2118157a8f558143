import { Writable } from 'node:stream';
import express from 'express';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessLog } from '../http/middleware/requestContext.js';
import { startHttpServer } from '../http/startHttpServer.js';
import type { LogLevel } from '../config/loadConfig.js';
import { accessLineWriter, type AccessLineFields } from './accessLine.js';
import { createLogger } from './createLogger.js';

/** A createLogger logger whose lines land in `lines`. */
function capturedLogger(level: LogLevel = 'info') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger(level, sink), lines };
}

/** Lets the Writable's write callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** pino's `"time":...` differs between two calls; everything else must not. */
const withoutTime = (line: string) => line.replace(/,"time":\d+/, ',"time":0');

const fieldsArbitrary: fc.Arbitrary<AccessLineFields> = fc.record({
  reqId: fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9._:-]{1,20}$/)),
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'),
  path: fc.string({ unit: 'binary', maxLength: 40 }),
  route: fc.oneof(fc.constantFrom('/api/v1/integrations/:key', 'unmatched'), fc.string()),
  status: fc.constantFrom(200, 204, 304, 400, 404, 500, 503),
  durationMs: fc.oneof(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.constant(0.1)),
  bytes: fc.nat(),
  remoteAddress: fc.constantFrom('127.0.0.1', '::1', '::ffff:10.0.0.1', undefined),
});

describe('accessLineWriter', () => {
  it('writes the bytes pino writes for logger.info/warn(fields, "request")', async () => {
    const hand = capturedLogger();
    const viaPino = capturedLogger();
    const write = accessLineWriter(hand.logger);
    fc.assert(
      fc.property(fieldsArbitrary, (fields) => {
        write(fields);
        if (fields.status >= 500) viaPino.logger.warn(fields, 'request');
        else viaPino.logger.info(fields, 'request');
      }),
      { numRuns: 300 },
    );
    await settle();
    expect(hand.lines.length).toBe(300);
    expect(hand.lines.map(withoutTime)).toEqual(viaPino.lines.map(withoutTime));
    // The lines are pino's JSON: parseable, with its level, bindings and message.
    const first = JSON.parse(hand.lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ service: 'regsync', msg: 'request', level: expect.any(Number) });
  });

  it("follows the logger's level, also when it changes at run time", async () => {
    const { logger, lines } = capturedLogger('warn');
    const write = accessLineWriter(logger);
    const line = (status: number): AccessLineFields => ({
      reqId: 'r1',
      method: 'GET',
      path: '/x',
      route: '/x',
      status,
      durationMs: 1,
      bytes: 2,
      remoteAddress: '127.0.0.1',
    });
    write(line(200)); // info: below warn, not written
    write(line(503)); // warn
    logger.level = 'error';
    write(line(500)); // warn: below error
    logger.level = 'info';
    write(line(201));
    await settle();
    expect(lines.map((l) => (JSON.parse(l) as { status: number; level: number }).status)).toEqual([
      503, 201,
    ]);
    expect((JSON.parse(lines[0]!) as { level: number }).level).toBe(40);
  });

  it('a child logger (not made by createLogger) goes through pino, with its bindings', async () => {
    const { logger, lines } = capturedLogger();
    accessLineWriter(logger.child({ component: 'http' }))({
      reqId: 'r2',
      method: 'GET',
      path: '/y',
      route: '/y',
      status: 200,
      durationMs: 0.5,
      bytes: 3,
      remoteAddress: undefined,
    });
    await settle();
    expect(JSON.parse(lines[0]!)).toMatchObject({ component: 'http', reqId: 'r2', msg: 'request' });
  });

  it('never lets a secret header or query parameter reach the access line (real HTTP)', async () => {
    const { logger, lines } = capturedLogger('debug');
    const app = express();
    app.use(accessLog({ logger, write: accessLineWriter(logger) }));
    app.get('/secret', (_req, res) => {
      res.setHeader('Content-Length', '2');
      res.end('ok');
    });
    const server = await startHttpServer({ port: 0, host: '127.0.0.1', handler: app });
    try {
      const secret = 'hunter2-s3cr3t-value';
      const res = await fetch(
        `${server.url}/secret?token=${secret}&password=${secret}&secret=${secret}`,
        {
          headers: {
            Authorization: `Bearer ${secret}`,
            Cookie: `session=${secret}`,
            'X-Hub-Signature-256': `sha256=${secret}`,
            'X-Request-Id': 'trace-1',
          },
        },
      );
      expect(await res.text()).toBe('ok');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const access = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(access).toEqual([
        expect.objectContaining({ reqId: 'trace-1', path: '/secret', status: 200, bytes: 2 }),
      ]);
      expect(lines.join('')).not.toContain(secret);
    } finally {
      await server.close(100);
    }
  });
});
