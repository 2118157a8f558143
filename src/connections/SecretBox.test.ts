import { describe, expect, it } from 'vitest';
import { parseSecretKey } from '../config/userDataSettings.js';
import { SecretBox } from './SecretBox.js';

const key = (fill: number) => parseSecretKey(Buffer.alloc(32, fill).toString('base64'))!;

describe('SecretBox', () => {
  it('parses 32-byte keys in hex, base64 and base64url, and nothing else', () => {
    const bytes = Buffer.alloc(32, 1);
    expect(parseSecretKey(bytes.toString('hex'))?.key).toEqual(bytes);
    expect(parseSecretKey(bytes.toString('base64'))?.key).toEqual(bytes);
    expect(parseSecretKey(Buffer.alloc(32, 0xfb).toString('base64url'))?.key).toEqual(
      Buffer.alloc(32, 0xfb),
    );
    expect(parseSecretKey(Buffer.alloc(16, 1).toString('base64'))).toBeUndefined();
    expect(parseSecretKey('not a key')).toBeUndefined();
  });

  it('round-trips a value, with a fresh IV each time and the key id in the envelope', () => {
    const box = new SecretBox({ current: key(1) });
    const a = box.encrypt('s3cret', 'row:/apiSecret');
    const b = box.encrypt('s3cret', 'row:/apiSecret');
    expect(a.$enc).not.toBe(b.$enc);
    expect(a.$enc).not.toContain('s3cret');
    expect(a.$enc.split(':')[1]).toBe(key(1).id);
    expect(box.decrypt(a, 'row:/apiSecret')).toEqual({ ok: true, value: 's3cret' });
  });

  it('refuses a value moved to another row or property, or tampered with', () => {
    const box = new SecretBox({ current: key(1) });
    const sealed = box.encrypt('s3cret', 'row-1:/apiSecret');
    expect(box.decrypt(sealed, 'row-2:/apiSecret').ok).toBe(false);
    expect(box.decrypt(sealed, 'row-1:/privateKey').ok).toBe(false);
    const parts = sealed.$enc.split(':');
    parts[4] = Buffer.from('forged').toString('base64url');
    expect(box.decrypt({ $enc: parts.join(':') }, 'row-1:/apiSecret').ok).toBe(false);
  });

  it('decrypts with a previous key during rotation, and refuses to encrypt without a key', () => {
    const old = new SecretBox({ current: key(1) }).encrypt({ nested: true }, 'aad');
    const rotated = new SecretBox({ current: key(2), previous: [key(1)] });
    expect(rotated.decrypt(old, 'aad')).toEqual({ ok: true, value: { nested: true } });
    expect(new SecretBox({ current: key(2) }).decrypt(old, 'aad')).toMatchObject({
      ok: false,
      reason: expect.stringContaining(key(1).id),
    });
    expect(() => new SecretBox({}).encrypt('x', 'aad')).toThrow(/REGSYNC_SECRET_KEY/);
  });
});
