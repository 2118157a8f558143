import { describe, expect, it } from 'vitest';
import { countKeysInText, countKeysInValue } from './countKeys.js';

describe('countKeys', () => {
  const cases: Array<[string, number]> = [
    ['{}', 0],
    ['[]', 0],
    ['{"a": 1, "b": {"c": [1, {"d": 2, "e": "x"}]}}', 5],
    // Braces, commas, colons and escaped quotes inside strings are not structure.
    ['{"a{,": "}\\",{\\"k\\": 1", "b": ["{", ",", "\\\\"]}', 2],
    ['[{"a": 1}, {"a": 2}, "a", ["b"]]', 2],
    ['{"__proto__": {"x": 1}, "constructor": null}', 3],
  ];

  it.each(cases)('counts the keys of %s in the text and in the parsed value', (text, keys) => {
    expect(countKeysInText(text)).toBe(keys);
    expect(countKeysInValue(JSON.parse(text))).toBe(keys);
  });

  it('sees a repeated key as one key fewer in the parsed value', () => {
    for (const text of ['{"a": 1, "a": 2}', '{"x": [{"k": 1, "j": 2, "k": 3}]}']) {
      expect(countKeysInValue(JSON.parse(text))).toBe(countKeysInText(text) - 1);
    }
  });
});
