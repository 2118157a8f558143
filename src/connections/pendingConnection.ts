import { ConnectionError } from './ConnectionError.js';
import type { ConnectionStatus } from './connectionStatus.js';
import type { ConnectionRecord, IntegrationSchemaInfo } from './ports.js';
import type { FieldError } from '../errors/FieldError.js';
import type { VerificationSpec } from '../manifest/types.js';
import type { SecretBox } from './SecretBox.js';
import { codeDigestAad, generateVerificationCode, normalizeGivenCode } from './verificationCode.js';

/** `POST …/connections/{id}/confirm`: the code, and config fields learnt with it (Telegram's `chat_id`). */
export interface ConfirmConnectionInput {
  code: string;
  /** Merged over the stored config (given keys replace stored ones), then validated. */
  config?: Record<string, unknown>;
}

/** The columns a pending connection is inserted with. */
export type PendingFields = Required<
  Pick<
    ConnectionRecord,
    'isActive' | 'verificationCodeHash' | 'verificationExpiresAt' | 'verificationAttemptsLeft'
  >
>;

/**
 * What a new connection of an integration with `verification` starts with: a fresh code (for
 * the create answer only), its keyed digest (`SecretBox.digest`, bound to the connection id;
 * SECRET_KEY_MISSING without a key), expiry and attempts for the row, and the user's config with
 * the expiry mirrored at `expiresAtProperty` when the manifest names one. Refuses a config that
 * sets the code or expiry property itself (CONFIG_INVALID, rule `verification-generated`):
 * Regsync makes both, a client-chosen code would prove nothing.
 */
export function startPending(options: {
  spec: VerificationSpec;
  config: Record<string, unknown>;
  now: Date;
  /** The new connection's id (the digest is bound to it). */
  id: string;
  box: SecretBox;
}): { code: string; config: Record<string, unknown>; fields: PendingFields } {
  const { spec, config, now } = options;
  refuseGenerated(spec, config);
  const code = generateVerificationCode(spec);
  const expiresAt = new Date(now.getTime() + spec.ttlSeconds * 1000);
  return {
    code,
    config: spec.expiresAtProperty
      ? { ...config, [spec.expiresAtProperty]: expiresAt.toISOString() }
      : config,
    fields: {
      isActive: false,
      verificationCodeHash: options.box.digest(code, codeDigestAad(options.id)),
      verificationExpiresAt: expiresAt,
      verificationAttemptsLeft: spec.maxAttempts,
    },
  };
}

/** A pending connection that a code may still confirm, and how to check one. */
export interface Confirmation {
  integration: IntegrationSchemaInfo;
  /** The stored hash (the guard of both writes of a confirmation). */
  hash: string;
  attemptsLeft: number;
  /** The config a successful confirmation stores: `given` over `stored`, without the code and expiry properties. */
  mergeConfig(
    stored: Record<string, unknown>,
    given: Record<string, unknown> | undefined,
  ): Record<string, unknown>;
  /** True for the right code (constant-time compare of keyed digests). */
  matches(code: string): boolean;
  /** VERIFICATION_CODE_WRONG, saying how many attempts remain. */
  wrongCode(attemptsLeft: number): ConnectionError;
}

/**
 * The confirmation of `row` in `status`, or the refusal that explains why there is none:
 * CONNECTION_NOT_PENDING (active), CONNECTION_DISCONNECTED, INTEGRATION_NOT_FOUND (the
 * integration left the catalog: no schema to validate the confirmed config against),
 * VERIFICATION_EXPIRED, VERIFICATION_LOCKED.
 */
export function confirmationOf(options: {
  row: ConnectionRecord;
  status: ConnectionStatus;
  integration: IntegrationSchemaInfo | undefined;
  box: SecretBox;
}): Confirmation {
  const { row, status, integration, box } = options;
  if (status === 'active')
    throw new ConnectionError(
      'CONNECTION_NOT_PENDING',
      'this connection is already active; there is nothing to confirm',
    );
  if (status === 'disconnected' || !row.verificationCodeHash)
    throw new ConnectionError(
      'CONNECTION_DISCONNECTED',
      'this connection is disconnected; create a new one',
    );
  if (!integration)
    throw new ConnectionError(
      'INTEGRATION_NOT_FOUND',
      `integration ${JSON.stringify(row.integrationType)} was removed from the registry; its connections can no longer be confirmed`,
    );
  if (status === 'expired')
    throw new ConnectionError(
      'VERIFICATION_EXPIRED',
      `the confirmation code expired at ${row.verificationExpiresAt?.toISOString() ?? 'creation'}; disconnect this connection and create a new one for a new code`,
    );
  if (status === 'locked')
    throw new ConnectionError(
      'VERIFICATION_LOCKED',
      'every confirmation attempt of this connection was spent on wrong codes; disconnect it and create a new one for a new code',
    );
  const spec = integration.verification;
  const hash = row.verificationCodeHash;
  return {
    integration,
    hash,
    attemptsLeft: row.verificationAttemptsLeft ?? 0,
    mergeConfig(stored, given) {
      if (spec && given) refuseGenerated(spec, given);
      const merged: Record<string, unknown> = { ...stored, ...given };
      if (spec) {
        delete merged[spec.codeProperty];
        if (spec.expiresAtProperty) delete merged[spec.expiresAtProperty];
      }
      return merged;
    },
    matches: (code) =>
      box.digestMatches(
        spec ? normalizeGivenCode(spec, code) : code.trim(),
        codeDigestAad(row.id),
        hash,
      ),
    wrongCode(left) {
      const error: FieldError = {
        pointer: '/code',
        rule: 'verification-code',
        message:
          left > 0
            ? `not this connection's code; ${left} attempt${left === 1 ? '' : 's'} left`
            : "not this connection's code; no attempt is left, the connection is locked",
      };
      return new ConnectionError('VERIFICATION_CODE_WRONG', error.message, { errors: [error] });
    },
  };
}

function refuseGenerated(spec: VerificationSpec, config: Record<string, unknown>): void {
  const errors: FieldError[] = [spec.codeProperty, spec.expiresAtProperty]
    .filter((name): name is string => name !== undefined && Object.hasOwn(config, name))
    .map((name) => ({
      pointer: `/config/${name}`,
      rule: 'verification-generated',
      message: `set by Regsync: the ${name === spec.codeProperty ? 'confirmation code is generated' : 'code expiry is computed'} when the connection is created, never sent by a client`,
    }));
  if (errors.length > 0)
    throw new ConnectionError(
      'CONFIG_INVALID',
      'the config sets a property of the confirmation flow that Regsync sets itself',
      { errors },
    );
}
