/**
 * Regular expressions written in manifests (`validation.pattern` of an attribute, `pattern`
 * and `patternProperties` in a connection config schema) run on RE2 (re2js, pure
 * JavaScript), never on the backtracking RegExp engine. Manifests are untrusted: a pattern
 * such as `^(a+)+$` checked against a long vendor string would hold the event loop for
 * minutes with RegExp (ReDoS), and takes milliseconds with RE2, whose matching time is
 * linear in the input. The price is RE2's syntax: no lookaround and no backreferences,
 * which JSON Schema's recommended regular expression subset does not have either. JavaScript
 * spellings such as `\u00e9` and `(?<name>...)` are translated first.
 */
import { RE2JS } from 're2js';
import type { RegExpEngine } from 'ajv/dist/types/index.js';

/** A compiled manifest pattern (RE2 semantics: linear time, no backreferences or lookaround). */
export interface ManifestPattern {
  /** True when the pattern matches somewhere in `value` (like `RegExp.prototype.test`). */
  test(value: string): boolean;
}

/** Compiles a manifest pattern; throws an Error whose message says what is wrong. */
export function compilePattern(pattern: string): ManifestPattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (error) {
    throw new Error(describe(error), { cause: error });
  }
  return {
    test: (value) => re.test(value),
    // ajv keys compiled patterns by their string form.
    toString: () => `re2:${pattern}`,
  } as ManifestPattern;
}

/** Why `pattern` cannot be used, or undefined when it compiles. */
export function patternProblem(pattern: string): string | undefined {
  try {
    compilePattern(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function describe(error: unknown): string {
  const message = (error as Error).message.replace(/^error parsing regexp: /, '');
  return /unsupported Perl syntax: `\(\?[=!<]|invalid escape sequence: `\\[1-9]/.test(message)
    ? `${message}; lookaround and backreferences are not supported (patterns run on RE2, in linear time)`
    : message;
}

/** The engine ajv uses for `pattern` and `patternProperties` in connection config schemas. */
export const re2RegExpEngine: RegExpEngine = Object.assign(
  (pattern: string) => compilePattern(pattern),
  {
    code: 're2js',
  },
);
