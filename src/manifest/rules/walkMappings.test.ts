import { describe, expect, it } from 'vitest';
import { forEachTransform } from './walkMappings.js';

describe('forEachTransform', () => {
  it('visits every transform with its pointer: the chain, then each if branch and each chain, nested', () => {
    const chain = [
      { coerce: 'string' },
      {
        if: { path: 'a', exists: true },
        then: [{ string: 'lower' }, { each: [{ coerce: 'integer' }] }],
        else: [{ valueMap: { x: 'y' } }],
      },
      'not a transform',
      { each: [{ if: { path: 'b' }, then: [{ coerce: 'number' }], else: 'not a chain' }] },
    ];
    const seen: string[] = [];
    forEachTransform(chain, '/mappings/0/fields/a~1b/transforms', (_t, pointer) =>
      seen.push(pointer),
    );
    const base = '/mappings/0/fields/a~1b/transforms';
    expect(seen).toEqual([
      `${base}/0`,
      `${base}/1`,
      `${base}/1/then/0`,
      `${base}/1/then/1`,
      `${base}/1/then/1/each/0`,
      `${base}/1/else/0`,
      `${base}/3`,
      `${base}/3/each/0`,
      `${base}/3/each/0/then/0`,
    ]);
  });

  it('ignores what is not a chain', () => {
    const seen: string[] = [];
    for (const chain of [undefined, null, {}, 'x', 3])
      forEachTransform(chain, '', (_t, pointer) => seen.push(pointer));
    expect(seen).toEqual([]);
  });
});
