import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, likePattern } from './catalogQuery.js';

describe('catalog cursors', () => {
  it('round-trip and reject anything they did not make', () => {
    const cursor = encodeCursor({ key: 'hubspot', source: 'MANIFEST' });
    expect(decodeCursor(cursor)).toEqual({ key: 'hubspot', source: 'MANIFEST' });
    for (const bad of [
      '',
      'not base64 !',
      Buffer.from('{"a":1}').toString('base64url'),
      encodeCursor({ key: 'x', source: 'NOPE' as 'MANIFEST' }),
    ]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });
});

describe('likePattern', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(likePattern('a%b_c\\d')).toBe('%a\\%b\\_c\\\\d%');
  });
});
