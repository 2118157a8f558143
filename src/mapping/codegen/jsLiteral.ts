/**
 * The only two ways manifest data enters generated source (see README "Generated code"):
 * as a string literal or as a safe integer. Everything else a manifest holds (constants,
 * defaults, value maps, patterns, plugin options) reaches the generated code as a
 * parameter, never as text.
 */

/** Thrown when a value cannot be written as a literal; the caller falls back to closures. */
export class LiteralError extends Error {
  /** Stable code of this error. */
  readonly code = 'codegen-literal';
}

/**
 * `text` as a JavaScript string literal that evaluates to exactly `text`. JSON.stringify
 * escapes the quote, the backslash and every control character, and writes lone surrogates
 * as `\uXXXX`; since ES2019 its output is always a valid JavaScript string literal, and
 * U+2028 and U+2029 are escaped here as well so that no engine or tool that predates that
 * rule can read a line break into it. Every backslash JSON.stringify writes begins a whole
 * escape sequence, so no character of `text` can end the literal. The result is parsed
 * back and compared, so a literal that did not round-trip would never be emitted.
 */
export function stringLiteral(text: string): string {
  if (typeof text !== 'string') throw new LiteralError('a key must be a string');
  const literal = JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  if (JSON.parse(literal) !== text) throw new LiteralError('a string did not round-trip');
  return literal;
}

/** A safe integer as a decimal literal (a path's index step); anything else is refused. */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new LiteralError('an index must be a safe integer');
  // Parenthesised, so that a negative index is one operand wherever it is written.
  return value < 0 ? `(${String(value)})` : String(value);
}
