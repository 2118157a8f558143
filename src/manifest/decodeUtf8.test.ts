import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decodeUtf8.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeUtf8', () => {
  it('decodes UTF-8, astral characters included', () => {
    expect(decodeUtf8(utf8('{"name": "Zürich 🚀"}'))).toBe('{"name": "Zürich 🚀"}');
    expect(decodeUtf8(bytes())).toBe('');
  });

  it('refuses bytes that are not UTF-8 (a lone continuation byte, a truncated sequence, a surrogate)', () => {
    expect(decodeUtf8(bytes(0x7b, 0x80, 0x7d))).toBeUndefined();
    expect(decodeUtf8(bytes(0x22, 0xe2, 0x82))).toBeUndefined();
    expect(decodeUtf8(bytes(0xed, 0xa0, 0x80))).toBeUndefined();
  });

  // The decoder is shared by every read: no call may leave state behind for the next one.
  it('starts every call afresh: a byte-order mark is removed each time, a refusal leaves nothing behind', () => {
    const withBom = bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d);
    expect(decodeUtf8(withBom)).toBe('{}');
    expect(decodeUtf8(withBom)).toBe('{}');
    // A truncated sequence at the end of one input must not join the next input's bytes.
    expect(decodeUtf8(bytes(0x7b, 0xe2, 0x82))).toBeUndefined();
    expect(decodeUtf8(bytes(0xac, 0x7d))).toBeUndefined();
    expect(decodeUtf8(utf8('€'))).toBe('€');
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf))).toBe('');
  });
});
