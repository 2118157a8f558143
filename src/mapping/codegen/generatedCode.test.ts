/**
 * The generated code's safety contract (README "Generated code"): manifest text is never
 * code, hostile keys are inert data, the output has no usable prototype, and a process
 * that disallows code generation gets the closure engine with the same results.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { EntityType, FieldMapping } from '../../manifest/types.js';
import { applyMapping } from '../applyMapping.js';
import { compileMapping } from '../compileMapping.js';
import { defaultPluginRegistry } from '../plugins/index.js';
import { integerLiteral, LiteralError, stringLiteral } from './jsLiteral.js';

const plugins = defaultPluginRegistry();

/**
 * Keys that would break out of a naively quoted literal, or that mean something to a
 * JavaScript object: each must stay an inert string.
 */
const HOSTILE_KEYS: readonly string[] = [
  '"]; globalThis.pwned = 1; //',
  "'); globalThis.pwned = 1; ('",
  '\\"); globalThis.pwned = 1; //',
  '\\',
  '"',
  '\u2028globalThis.pwned = 1; //',
  '\u2029globalThis.pwned = 1; //',
  '\n}); globalThis.pwned = 1; //',
  '${globalThis.pwned = 1}',
  '`; globalThis.pwned = 1; `',
  '*/ globalThis.pwned = 1; /*',
  '</script><script>globalThis.pwned = 1</script>',
  '\ud800',
  '\u0000',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '0',
  '-1',
  '1e3',
  '4294967295',
  '',
];

/** A JSONPath that reads `key` at the top level (single-quoted, `\\` and `\'` escaped). */
function bracketPath(key: string): string {
  return `$['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

describe('string and integer literals', () => {
  it.each(HOSTILE_KEYS.map((k) => [JSON.stringify(k), k]))(
    '%s evaluates to itself and nothing else',
    (_, key) => {
      const literal = stringLiteral(key);
      // Evaluated as JavaScript in a context of its own: the value is the key, and the
      // sandbox's globals are untouched.
      const sandbox: Record<string, unknown> = {};
      expect(vm.runInNewContext(`(${literal})`, sandbox)).toBe(key);
      expect(vm.runInNewContext(`[${literal}, ${literal}].length`, sandbox)).toBe(2);
      expect(Object.keys(sandbox)).toEqual([]);
      expect(literal).not.toMatch(/[\u2028\u2029\n\r]/);
    },
  );

  it('refuses what is not a string or a safe integer', () => {
    expect(() => stringLiteral(1 as unknown as string)).toThrow(LiteralError);
    expect(() => integerLiteral(0.5)).toThrow(LiteralError);
    expect(() => integerLiteral(2 ** 53)).toThrow(LiteralError);
    expect(() => integerLiteral(Number.NaN)).toThrow(LiteralError);
    expect(integerLiteral(-1)).toBe('(-1)');
    expect(integerLiteral(7)).toBe('7');
  });
});

describe('hostile keys in a manifest and a payload', () => {
  const fields: Record<string, FieldMapping> = {};
  for (const [i, key] of HOSTILE_KEYS.entries()) {
    // The key is the target, a path step and the default's key, all at once.
    // defineProperty, as JSON.parse of a manifest would: `fields.__proto__ = ...` would set
    // the test's own object's prototype.
    Object.defineProperty(fields, key, {
      value: { source: bracketPath(key), default: JSON.parse(`{"__proto__": ${i}}`) },
      enumerable: true,
    });
  }
  // A key whose value is read through a second, hostile step.
  fields['nested'] = { source: `$['__proto__']['constructor']` };
  const entity: EntityType = {
    key: 'thing',
    displayName: 'Thing',
    attributes: Object.keys(fields).map((key) => ({ key, dataType: 'json' as const })),
  };
  const mapping = { model: 'm', entityType: 'thing', fields };
  const record = JSON.parse(
    `{${HOSTILE_KEYS.map((k, i) => `${JSON.stringify(k)}: ${i + 100}`).join(', ')}, "x": 1}`,
  ) as Record<string, unknown>;
  Object.defineProperty(record, '__proto__', {
    value: { constructor: 'own' },
    enumerable: true,
  });

  it('are read and written as data, never run', () => {
    const generated = compileMapping(mapping, entity, { plugins });
    const closures = compileMapping(mapping, entity, { plugins, codegen: false });
    expect(generated.runFields).toBeDefined();
    const fast = applyMapping(generated, record, { mode: 'strict' });
    const slow = applyMapping(closures, record, { mode: 'strict' });
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
    expect(fast.ok).toBe(true);
    for (const [i, key] of HOSTILE_KEYS.entries()) {
      if (key === '__proto__') continue;
      expect(Object.hasOwn(fast.attributes, key)).toBe(true);
      expect(fast.attributes[key]).toBe(i + 100);
    }
    // The payload's own "__proto__" is data; the output's "__proto__" is an own key.
    expect(fast.attributes.__proto__).toEqual({ constructor: 'own' });
    expect(Object.hasOwn(fast.attributes, '__proto__')).toBe(true);
    expect(fast.attributes.nested).toBe('own');
    // No Object.prototype behind the output, and nothing was polluted.
    const proto = Object.getPrototypeOf(fast.attributes) as object;
    expect(Object.getPrototypeOf(proto)).toBeNull();
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
    expect(Object.prototype).not.toHaveProperty('pwned');
  });

  it('never read Object.prototype: a payload without the keys gives the defaults', () => {
    const generated = compileMapping(mapping, entity, { plugins });
    const closures = compileMapping(mapping, entity, { plugins, codegen: false });
    const fast = applyMapping(generated, {}, { mode: 'strict' });
    expect(JSON.stringify(fast)).toBe(JSON.stringify(applyMapping(closures, {})));
    // "constructor", "toString", "hasOwnProperty" exist on {} only through its prototype.
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const value = fast.attributes[key] as Record<string, unknown>;
      expect(Object.hasOwn(value, '__proto__')).toBe(true);
    }
    expect(Object.hasOwn(fast.attributes, 'nested')).toBe(false);
  });

  it('appear in the generated source only as JSON string literals', () => {
    const generated = compileMapping(mapping, entity, { plugins });
    const source = String(generated.runFields);
    expect(source).not.toMatch(/[\u2028\u2029]/);
    for (const key of HOSTILE_KEYS) expect(source).toContain(`[${stringLiteral(key)}]`);
    // Defaults are parameters, not text: no default's value is written into the source.
    expect(source).not.toContain('"__proto__": 0');
  });
});

describe('where code generation is disallowed', () => {
  const probe = fileURLToPath(
    new URL('../../../test/helpers/mappingFallbackProbe.ts', import.meta.url),
  );
  const fixture = fileURLToPath(new URL('../testdata/transforms.json', import.meta.url));

  /** Runs the probe in a child Node process with the given flags. */
  function runProbe(flags: string[]): { generated: boolean; available: boolean; results: unknown } {
    const run = spawnSync(process.execPath, [...flags, '--import', 'tsx', probe, fixture], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { generated: boolean; available: boolean; results: unknown };
  }

  it('falls back to the closures, with the same results', () => {
    const refused = runProbe(['--disallow-code-generation-from-strings']);
    const allowed = runProbe([]);
    expect([refused.generated, refused.available]).toEqual([false, false]);
    expect([allowed.generated, allowed.available]).toEqual([true, true]);
    expect(refused.results).toEqual(allowed.results);
  });
});
