import { pino, type Logger } from 'pino';
import type { AccessLineFields, AccessLineWriter } from '../http/ports.js';

export type { AccessLineFields, AccessLineWriter };

/** Loggers made by createLogger: no mixin, hooks, formatters or serializers of the line's keys. */
const plainLoggers = new WeakSet<Logger>();

/** Marks a logger whose lines accessLineWriter may serialize by hand (createLogger's). */
export function markPlainLogger(logger: Logger): void {
  plainLoggers.add(logger);
}

/** pino's internal state used below, read through its exported `pino.symbols`. */
interface PinoInternals {
  stream: { write(text: string): unknown } & Record<symbol, unknown>;
  time: () => string;
  chindings: string;
  levelPrefix: Record<number, string>;
  end: string;
}

function internals(logger: Logger): PinoInternals {
  const held = logger as unknown as Record<symbol, unknown>;
  const { streamSym, timeSym, chindingsSym, lsCacheSym, endSym } = pino.symbols;
  return {
    stream: held[streamSym] as PinoInternals['stream'],
    time: (held[timeSym] as () => string).bind(logger),
    chindings: held[chindingsSym] as string,
    levelPrefix: held[lsCacheSym] as Record<number, string>,
    end: held[endSym] as string,
  };
}

/**
 * The access-log writer of `logger`. For a logger made by createLogger the line is built by
 * hand: the same bytes pino would write for `logger.info(fields, 'request')` (its level,
 * time and bindings prefix, then the fields, then `msg`; accessLine.test.ts holds the two
 * equal), without pino's generic per-key walk and without running every value through the
 * redaction paths. Redaction has nothing to do on this line: its fields are fixed, flat and
 * primitive (no headers, no query string, no body), so no redaction path (`*.token`,
 * `req.headers.authorization`, ...) can match one of them. Any other logger (a child, a test
 * double, one with hooks or a metadata stream) goes through pino as before.
 */
export function accessLineWriter(logger: Logger): AccessLineWriter {
  const viaPino: AccessLineWriter = (fields) => {
    if (fields.status >= 500) logger.warn(fields, 'request');
    else logger.info(fields, 'request');
  };
  if (!plainLoggers.has(logger)) return viaPino;
  const pinoState = internals(logger);
  // A multistream asks for each line's level and object alongside the text: pino's path.
  if (pinoState.stream[pino.symbols.needsMetadataGsym] === true) return viaPino;
  const { stream, time, chindings, levelPrefix, end } = pinoState;
  const INFO = logger.levels.values.info!;
  const WARN = logger.levels.values.warn!;
  return (f) => {
    const level = f.status >= 500 ? WARN : INFO;
    // The level can change at run time (logger.level = ...): read it per line, as pino does.
    if (level < logger.levelVal) return;
    // reqId is a UUID or matched /^[A-Za-z0-9._:-]{1,128}$/ (requestContext.ts) and the method
    // a token Node's parser accepted, so neither needs escaping; the rest may.
    const address =
      f.remoteAddress === undefined ? '' : `,"remoteAddress":${JSON.stringify(f.remoteAddress)}`;
    stream.write(
      `${levelPrefix[level]}${time()}${chindings},"reqId":"${f.reqId}","method":"${f.method}","path":${JSON.stringify(f.path)},"route":${JSON.stringify(f.route)},"status":${f.status},"durationMs":${finite(f.durationMs)},"bytes":${finite(f.bytes)}${address},"msg":"request"${end}`,
    );
  };
}

/** pino writes a non-finite number as null. */
function finite(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
