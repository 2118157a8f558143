import { createHash } from 'node:crypto';
import { envReader } from './envReaders.js';
import { decodeKeyText, secretKeyProblem } from './secretStrength.js';
import type { OperatorSettingsInput } from './operatorSettings.js';

/** A 32-byte AES-256 key and its id (the first 8 hex digits of its SHA-256), as written in `$enc`. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

/**
 * Parses a key written as 64 hex digits or base64 (standard or url-safe) of exactly 32 bytes.
 * Returns undefined for anything else (the caller names the variable in its message).
 */
export function parseSecretKey(text: string): SecretKey | undefined {
  const key = decodeKeyText(text);
  if (!key) return undefined;
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/** The settings of the connections and workspaces endpoints, read from the environment. */
export interface UserDataSettings {
  /** REGSYNC_SECRET_KEY: encrypts (and decrypts) secret config properties. */
  secretKey?: SecretKey;
  /** REGSYNC_SECRET_KEY_PREVIOUS (comma-separated): decrypt only, during a key rotation. */
  previousKeys: SecretKey[];
  /** REGSYNC_PROXY_SECRET: the shared secret the authenticating proxy sends in X-Regsync-Proxy-Secret. */
  proxySecret?: string;
  /**
   * REGSYNC_OPERATOR_SETTINGS_FILE and REGSYNC_OPERATOR__* (loadConfig reads them with
   * readOperatorSettings); absent means none supplied.
   */
  operator?: OperatorSettingsInput;
}

/** The user-data settings, or every problem found (each naming its variable). */
export type UserDataSettingsResult =
  { ok: true; settings: UserDataSettings } | { ok: false; errors: string[] };

/**
 * Reads REGSYNC_SECRET_KEY, REGSYNC_SECRET_KEY_PREVIOUS and REGSYNC_PROXY_SECRET from the
 * environment it is given (never process.env itself). A key that is not 32 bytes of base64 or
 * hex is an error, not ignored: a typo must not silently disable encryption; so is a weak
 * REGSYNC_SECRET_KEY (all zeros, a repeated pattern: src/config/secretStrength.ts).
 */
export function readUserDataSettings(env: NodeJS.ProcessEnv): UserDataSettingsResult {
  const errors: string[] = [];
  const key = (name: string, text: string): SecretKey | undefined => {
    const parsed = parseSecretKey(text);
    if (!parsed)
      errors.push(
        `${name} must be 32 bytes written as 64 hex digits or base64 (openssl rand -base64 32)`,
      );
    return parsed;
  };
  const { str } = envReader(env, errors);
  const currentText = str('REGSYNC_SECRET_KEY');
  // The current key encrypts, so it is held to strength; previous keys only decrypt (a weak
  // key must stay readable to rotate away from it).
  const problem = currentText ? secretKeyProblem('REGSYNC_SECRET_KEY', currentText) : undefined;
  if (problem) errors.push(problem);
  const current = currentText && !problem ? parseSecretKey(currentText) : undefined;
  const previousKeys = (str('REGSYNC_SECRET_KEY_PREVIOUS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((text) => key('REGSYNC_SECRET_KEY_PREVIOUS', text))
    .filter((k): k is SecretKey => k !== undefined);
  const proxySecret = str('REGSYNC_PROXY_SECRET');
  if (proxySecret && proxySecret.length < 16)
    errors.push('REGSYNC_PROXY_SECRET must be at least 16 characters');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...(current ? { secretKey: current } : {}),
      previousKeys,
      ...(proxySecret ? { proxySecret } : {}),
    },
  };
}
