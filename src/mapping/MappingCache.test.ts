import { describe, expect, it } from 'vitest';
import { MappingCache } from './MappingCache.js';
import { compileFields } from './testHelpers.js';

describe('MappingCache', () => {
  const a = compileFields({ v: { source: 'a' } });
  const b = compileFields({ v: { source: 'b' } });
  const c = compileFields({ v: { source: 'c' } });

  it('keys entries by checksum and model', () => {
    const cache = new MappingCache();
    cache.set('sha256:1', 'contact', a);
    cache.set('sha256:1', 'deal', b);
    expect(cache.get('sha256:1', 'contact')).toBe(a);
    expect(cache.get('sha256:1', 'deal')).toBe(b);
    expect(cache.get('sha256:2', 'contact')).toBeUndefined();
    // No ambiguity when a checksum ends like a model begins.
    cache.set('x', 'y\u0000z', c);
    expect(cache.get('x\u0000y', 'z')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond capacity', () => {
    const cache = new MappingCache({ capacity: 2 });
    cache.set('1', 'm', a);
    cache.set('2', 'm', b);
    cache.get('1', 'm');
    cache.set('3', 'm', c);
    expect(cache.size).toBe(2);
    expect(cache.get('2', 'm')).toBeUndefined();
    expect(cache.get('1', 'm')).toBe(a);
    expect(cache.get('3', 'm')).toBe(c);
  });

  it('compiles once per key and clears', () => {
    const cache = new MappingCache();
    let compiles = 0;
    const compile = () => {
      compiles++;
      return a;
    };
    expect(cache.getOrCompile('s', 'm', compile)).toBe(a);
    expect(cache.getOrCompile('s', 'm', compile)).toBe(a);
    expect(compiles).toBe(1);
    cache.clear();
    expect(cache.size).toBe(0);
    cache.getOrCompile('s', 'm', compile);
    expect(compiles).toBe(2);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new MappingCache({ capacity: 0 })).toThrow(RangeError);
  });
});
