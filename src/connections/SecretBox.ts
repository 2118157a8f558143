import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { SecretKey } from '../config/userDataSettings.js';
import { ConnectionError } from './ConnectionError.js';

/** What a secret property holds at rest. */
export interface EncryptedValue {
  $enc: string;
}

const VERSION = 'v1';

/** True for `{ "$enc": "v1:..." }`. */
export function isEncrypted(value: unknown): value is EncryptedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $enc?: unknown }).$enc === 'string'
  );
}

/**
 * AES-256-GCM for the secret properties of connection configs. Each value is the JSON of the
 * plaintext, with a fresh 12-byte IV, authenticated together with `aad` (the connection id and
 * the property's pointer), so a ciphertext copied onto another row or property does not
 * decrypt. Stored as `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url). The current key
 * encrypts; it and the previous key (REGSYNC_SECRET_KEY_PREVIOUS) decrypt.
 */
export class SecretBox {
  readonly #current: SecretKey | undefined;
  readonly #byId: Map<string, SecretKey>;
  readonly #digestKeys = new Map<string, Buffer>();

  constructor(options: { current?: SecretKey; previous?: SecretKey[] }) {
    this.#current = options.current;
    this.#byId = new Map(
      [...(options.previous ?? []), ...(options.current ? [options.current] : [])].map((k) => [
        k.id,
        k,
      ]),
    );
    for (const [id, k] of this.#byId)
      this.#digestKeys.set(
        id,
        Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), DIGEST_INFO, 32)),
      );
  }

  /**
   * A keyed digest of a value that is checked but never read back (a confirmation code):
   * HMAC-SHA256 under a key derived from the current key (HKDF-SHA256 with its own `info`, so
   * it is never the encryption key), bound to `aad`, as `m1:<keyId>:<mac>` (base64url). Without
   * the secret key a stolen digest cannot be searched for the short code it stands for; a
   * previous key (REGSYNC_SECRET_KEY_PREVIOUS) still checks digests made before a rotation.
   * Throws SECRET_KEY_MISSING without a current key.
   */
  digest(value: string, aad: string): string {
    const id = this.#current?.id;
    const key = id === undefined ? undefined : this.#digestKeys.get(id);
    if (id === undefined || !key) {
      throw new ConnectionError(
        'SECRET_KEY_MISSING',
        'this connection is confirmed by a code, and REGSYNC_SECRET_KEY is not set: the code is a secret, never stored without a key. Ask the operator to set REGSYNC_SECRET_KEY (32 bytes, base64 or hex).',
      );
    }
    return [DIGEST_VERSION, id, b64(mac(key, value, aad))].join(':');
  }

  /**
   * True when `stored` is the digest of `value` with `aad` (compared in constant time); false
   * for a key no longer configured or a malformed digest.
   */
  digestMatches(value: string, aad: string, stored: string): boolean {
    const parts = stored.split(':');
    if (parts.length !== 3 || parts[0] !== DIGEST_VERSION) return false;
    const key = this.#digestKeys.get(parts[1] ?? '');
    if (!key) return false;
    const expected = Buffer.from(parts[2] ?? '', 'base64url');
    const given = mac(key, value, aad);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** True when a current key is configured (secrets can be written). */
  get canEncrypt(): boolean {
    return this.#current !== undefined;
  }

  /** Id of the key new values are encrypted with. */
  get currentKeyId(): string | undefined {
    return this.#current?.id;
  }

  encrypt(value: unknown, aad: string): EncryptedValue {
    const current = this.#current;
    if (!current) {
      throw new ConnectionError(
        'SECRET_KEY_MISSING',
        'this connection has secret properties, and REGSYNC_SECRET_KEY is not set: secrets are never stored in plain text. Ask the operator to set REGSYNC_SECRET_KEY (32 bytes, base64 or hex).',
      );
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(value), 'utf8'),
      cipher.final(),
    ]);
    const tag = cipher.getAuthTag();
    return { $enc: [VERSION, current.id, b64(iv), b64(tag), b64(ciphertext)].join(':') };
  }

  /** The key id a stored value was encrypted with (undefined when malformed). */
  keyIdOf(value: EncryptedValue): string | undefined {
    const parts = value.$enc.split(':');
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
  }

  /** Decrypts; `{ ok: false, reason }` for an unknown key, a malformed value or a failed tag. */
  decrypt(
    value: EncryptedValue,
    aad: string,
  ): { ok: true; value: unknown } | { ok: false; reason: string } {
    const parts = value.$enc.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION)
      return { ok: false, reason: 'the stored secret is not in the v1 format' };
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    const key = this.#byId.get(keyId);
    if (!key) {
      return {
        ok: false,
        reason: `the secret was encrypted with key ${keyId}, which is neither REGSYNC_SECRET_KEY nor REGSYNC_SECRET_KEY_PREVIOUS`,
      };
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
      return { ok: true, value: JSON.parse(plain) as unknown };
    } catch {
      return {
        ok: false,
        reason: `the secret does not decrypt with key ${keyId} (tampered, or copied from another connection)`,
      };
    }
  }
}

const DIGEST_VERSION = 'm1';
const DIGEST_INFO = 'regsync connection verification code digest v1';

function mac(key: Buffer, value: string, aad: string): Buffer {
  // The length prefix keeps (aad, value) pairs apart: "a:" + "b" never digests like "a" + ":b".
  return createHmac('sha256', key)
    .update(`${aad.length}:${aad}:`, 'utf8')
    .update(value.normalize('NFC'), 'utf8')
    .digest();
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}
