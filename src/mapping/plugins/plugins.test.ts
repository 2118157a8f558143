import { describe, expect, it } from 'vitest';
import { convertHtml } from './htmlToText.js';
import {
  defaultPluginRegistry,
  PluginRegistry,
  type MappingPlugin,
  type PluginOutcome,
} from './index.js';

const registry = defaultPluginRegistry();

function run(
  name: string,
  value: unknown,
  options: Record<string, unknown> = {},
  record: Record<string, unknown> = {},
): PluginOutcome {
  const plugin = registry.get(name);
  if (!plugin) throw new Error(`no plugin ${name}`);
  return plugin.apply(value, options, { record, read: (path) => record[path] });
}

describe('PluginRegistry', () => {
  it('ships the documented plugins', () => {
    expect(registry.names()).toEqual([
      'email-domain',
      'html-to-text',
      'minor-units-to-decimal',
      'split-full-name',
    ]);
    for (const name of registry.names()) {
      const p = registry.get(name) as MappingPlugin;
      expect(p.description.length).toBeGreaterThan(10);
      expect(registry.has(name)).toBe(true);
    }
    expect(registry.has('nope')).toBe(false);
    expect(registry.get('nope')).toBeUndefined();
  });

  it('refuses duplicate and malformed names', () => {
    const p: MappingPlugin = {
      name: 'x-y',
      description: 'd',
      output: 'any',
      apply: (v) => ({ ok: true, value: v }),
    };
    const r = new PluginRegistry().register(p);
    expect(() => r.register(p)).toThrow(/already registered/);
    expect(() => r.register({ ...p, name: 'Bad_Name' })).toThrow(/kebab-case/);
  });

  it('gives each caller its own registry', () => {
    const a = defaultPluginRegistry();
    a.register({
      name: 'extra',
      description: 'd',
      output: 'any',
      apply: (v) => ({ ok: true, value: v }),
    });
    expect(defaultPluginRegistry().has('extra')).toBe(false);
  });
});

describe('minor-units-to-decimal', () => {
  it.each([
    [1999, { minorUnits: 2 }, {}, 19.99],
    ['1999', {}, {}, 19.99],
    [500, { currencyPath: 'cur' }, { cur: 'jpy' }, 500],
    [500, { currencyPath: 'cur' }, { cur: 'KRW' }, 500],
    [12345, { currencyPath: 'cur' }, { cur: 'kwd' }, 12.345],
    [12345, { currencyPath: 'cur' }, { cur: 'BHD' }, 12.345],
    [12345, { currencyPath: 'cur' }, { cur: 'eur' }, 123.45],
    [12345, { currencyPath: 'cur' }, { cur: 'XXZ' }, 123.45],
    [12345, { currencyPath: 'cur' }, {}, 123.45],
    [-250, { minorUnits: 3 }, {}, -0.25],
  ])('%j with %j and %j', (value, options, record, expected) => {
    expect(run('minor-units-to-decimal', value, options, record)).toEqual({
      ok: true,
      value: expected,
    });
  });

  // Stripe's table (docs.stripe.com/currencies): ISK, HUF, TWD two-decimal in the API, MGA
  // zero-decimal, UGX zero-decimal, three-decimal only BHD JOD KWD OMR TND.
  const stripe = { currencyPath: 'cur', table: 'stripe' };
  it.each([
    ['isk', 50000, 500, 50000],
    ['huf', 150000, 1500, 1500],
    ['twd', 30000, 300, 300],
    ['mga', 5000, 5000, 50],
    ['ugx', 5000, 5000, 5000],
    ['jpy', 500, 500, 500],
    ['kwd', 12340, 12.34, 12.34],
    ['iqd', 12340, 123.4, 12.34],
    ['usd', 1999, 19.99, 19.99],
  ])("%s %d: %d with Stripe's table (ISO 4217 says %d)", (cur, amount, atStripe, atIso) => {
    expect(run('minor-units-to-decimal', amount, stripe, { cur })).toEqual({
      ok: true,
      value: atStripe,
    });
    expect(run('minor-units-to-decimal', amount, { currencyPath: 'cur' }, { cur })).toEqual({
      ok: true,
      value: atIso,
    });
  });

  it('refuses non-integers and checks its options', () => {
    expect(run('minor-units-to-decimal', 1.5).ok).toBe(false);
    expect(run('minor-units-to-decimal', 'abc').ok).toBe(false);
    const check = registry.get('minor-units-to-decimal')?.checkOptions;
    expect(check?.({ minorUnits: 9 })).toMatch(/0 to 8/);
    expect(check?.({ currencyPath: '' })).toMatch(/non-empty/);
    expect(check?.({ currencyPath: 'c', minorUnits: 2 })).toMatch(/either/);
    expect(check?.({ currencyPath: 'c' })).toBeUndefined();
    expect(check?.({ currencyPath: 'c', table: 'stripe' })).toBeUndefined();
    expect(check?.({ currencyPath: 'c', table: 'paypal' })).toMatch(/iso-4217, stripe/);
    expect(check?.({ table: 'stripe' })).toMatch(/needs "currencyPath"/);
  });
});

describe('split-full-name', () => {
  it.each([
    ['Ada Lovelace', 'first', 'Ada'],
    ['Ada Lovelace', 'last', 'Lovelace'],
    ['  Jean  Claude Van\tDamme ', 'last', 'Claude Van Damme'],
    ['Cher', 'first', 'Cher'],
    ['Cher', 'last', undefined],
    ['   ', 'first', undefined],
  ])('%j part %s', (value, part, expected) => {
    expect(run('split-full-name', value, { part })).toEqual({ ok: true, value: expected });
  });

  it('refuses non-strings and bad options', () => {
    expect(run('split-full-name', 5, { part: 'first' }).ok).toBe(false);
    expect(registry.get('split-full-name')?.checkOptions?.({ part: 'middle' })).toMatch(/first/);
  });
});

describe('email-domain', () => {
  it.each([
    ['Ann@Example.COM', { ok: true, value: 'example.com' }],
    [' "a@b"@x.io ', { ok: true, value: 'x.io' }],
    ['no-at-sign', { ok: false, message: 'expects an email address' }],
    ['trailing@', { ok: false, message: 'expects an email address' }],
    ['@lead.io', { ok: false, message: 'expects an email address' }],
    [42, { ok: false, message: 'expects a string' }],
  ])('%j', (value, expected) => {
    expect(run('email-domain', value)).toEqual(expected);
  });
});

describe('html-to-text', () => {
  it.each([
    ['<p>Hello <b>world</b></p>', 'Hello world'],
    ['a<br>b<br/>c', 'a\nb\nc'],
    ['<div>one</div><div>two</div>', 'one\ntwo'],
    ['<p>x</p>\n\n\n<p>y</p>', 'x\ny'],
    ['a<br><br><br>b', 'a\n\nb'],
    ['one\n  two', 'one two'],
    ['Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;s &#x41; &nbsp;!', 'Tom & Jerry <3 "hi" \'s A !'],
    ['&unknown; &amp &#xD800; &#0;', '&unknown; &amp \uFFFD \uFFFD'],
    ['<script>alert("<p>")</script>safe<style>p{}</style>', 'safe'],
    ['<SCRIPT type="x">bad()</SCRIPT >ok', 'ok'],
    ['<!-- hidden <b>x</b> -->shown', 'shown'],
    ['1 < 2 and 3 > 2', '1 < 2 and 3 > 2'],
    ['unclosed <b', 'unclosed <b'],
    ['<head><title>T</title></head><body>B</body>', 'B'],
  ])('%j', (html, text) => {
    expect(convertHtml(html)).toBe(text);
    expect(run('html-to-text', html)).toEqual({ ok: true, value: text });
  });
});
