import { ConnectionException } from '@mikro-orm/core';

/** PostgreSQL SQLSTATEs and socket errors that mean "the database is not there right now". */
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
]);

/**
 * True for errors that say the database cannot be reached (a 503 to retry), as opposed to a
 * bug (a 500): the db adapter's DATABASE_UNAVAILABLE, MikroORM's ConnectionException, a
 * refused or reset socket, a server shutting down, a dropped database, too many clients,
 * and SQLSTATE class 08 (connection exception). Looks through `cause` chains.
 */
export function isDatabaseOutage(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (e instanceof ConnectionException) return true;
    const code = (e as { code?: unknown }).code;
    if (code === 'DATABASE_UNAVAILABLE') return true;
    if (typeof code === 'string' && (OUTAGE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
      return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /Connection terminated|connection.*(closed|ended)|terminating connection/i.test(message)
    )
      return true;
  }
  return false;
}
