import { ConnectionException } from '@mikro-orm/core';

/**
 * PostgreSQL SQLSTATEs and socket errors that mean "the database is not there right now".
 * Class 08 (connection exception) counts, except 08P01 (protocol violation): PostgreSQL
 * answers it for a parameter it cannot decode (a NUL byte in text), PGlite for a message it
 * cannot read; the connection stays up, so it is a bad request or a bug, never an outage.
 */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '3D000',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '08007',
]);

/** SQLSTATEs of a statement that ran out of time: `statement_timeout`, `lock_timeout`. */
const TIMEOUT_CODES = new Set(['57014', '55P03']);

/**
 * True for errors that say the database cannot be reached (a 503 to retry), as opposed to a
 * bug (a 500): the db adapter's DATABASE_UNAVAILABLE, MikroORM's ConnectionException (unless
 * its SQLSTATE says otherwise), a refused or reset socket, a server shutting down, a dropped
 * database, too many clients, and the connection-level SQLSTATEs above. Looks through
 * `cause` chains.
 */
export function isDatabaseOutage(error: unknown): boolean {
  return someInChain(error, (e) => {
    const code = (e as { code?: unknown }).code;
    if (code === '08P01') return 'no';
    if (code === 'DATABASE_UNAVAILABLE') return 'yes';
    if (typeof code === 'string' && OUTAGE_CODES.has(code)) return 'yes';
    if (e instanceof ConnectionException) return 'yes';
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /Connection terminated|connection.*(closed|ended)|terminating connection/i.test(message)
    )
      return 'yes';
    return 'unknown';
  });
}

/**
 * True for a statement cancelled by `statement_timeout` (57014) or a lock wait ended by
 * `lock_timeout` (55P03): the database is there but busy; a 503 to retry.
 */
export function isDatabaseTimeout(error: unknown): boolean {
  return someInChain(error, (e) => {
    const code = (e as { code?: unknown }).code;
    if (code === 'DATABASE_TIMEOUT') return 'yes';
    return typeof code === 'string' && TIMEOUT_CODES.has(code) ? 'yes' : 'unknown';
  });
}

/** Walks `cause` links (at most 5): the first definite answer wins. */
function someInChain(error: unknown, test: (e: object) => 'yes' | 'no' | 'unknown'): boolean {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const answer = test(e);
    if (answer !== 'unknown') return answer === 'yes';
  }
  return false;
}
