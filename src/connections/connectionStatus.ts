import type { ConnectionRecord } from './ports.js';

/**
 * Where a connection is in its life, derived from its row at a moment (never stored, so a row
 * written without the confirmation columns, by an import or before they existed, reads as it
 * always did):
 * - `active`: usable (`isActive`); the only state listed by default and touched by providers;
 * - `pending`: created for an integration with `verification`, waiting for its code;
 * - `expired`: pending, but the code's time ran out (a new connection is needed);
 * - `locked`: pending, but every attempt was spent on wrong codes;
 * - `disconnected`: soft-deleted (or inactive without a pending code).
 */
export type ConnectionStatus = 'active' | 'pending' | 'expired' | 'locked' | 'disconnected';

/** The status of `row` at `now` (see ConnectionStatus). */
export function connectionStatus(
  row: Pick<
    ConnectionRecord,
    | 'isActive'
    | 'disconnectedAt'
    | 'verificationCodeHash'
    | 'verificationExpiresAt'
    | 'verificationAttemptsLeft'
  >,
  now: Date,
): ConnectionStatus {
  if (row.isActive) return 'active';
  if (row.disconnectedAt || !row.verificationCodeHash) return 'disconnected';
  if (!row.verificationExpiresAt || row.verificationExpiresAt.getTime() <= now.getTime())
    return 'expired';
  return (row.verificationAttemptsLeft ?? 0) > 0 ? 'pending' : 'locked';
}

/** What a view shows of a connection's confirmation: only while one is outstanding. */
export interface VerificationView {
  /** When the code stops being accepted. */
  expiresAt: string;
  /** Codes that may still be tried. */
  attemptsLeft: number;
  /**
   * The code itself: in the answer that created the connection only (it is stored hashed and
   * can never be read again). Deliver it to the user (Telegram: `/start <code>` to the bot)
   * or send it over the channel (Threema: the Gateway to the Threema ID).
   */
  code?: string;
}

/** The confirmation part of a view: null for an active or disconnected connection. */
export function verificationView(
  row: Pick<ConnectionRecord, 'verificationExpiresAt' | 'verificationAttemptsLeft'>,
  status: ConnectionStatus,
  code?: string,
): VerificationView | null {
  if (status === 'active' || status === 'disconnected' || !row.verificationExpiresAt) return null;
  return {
    expiresAt: row.verificationExpiresAt.toISOString(),
    attemptsLeft: row.verificationAttemptsLeft ?? 0,
    ...(code !== undefined ? { code } : {}),
  };
}
