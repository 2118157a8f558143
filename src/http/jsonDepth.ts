/**
 * True when JSON text nests objects and arrays deeper than `max`. A single pass over the
 * characters with a counter (strings and escapes skipped): no recursion, no parse, so a
 * hostile `[[[[...` of a megabyte costs one linear scan and cannot blow the stack.
 * Malformed text is not judged here; JSON.parse reports it afterwards.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: jump to its closing quote with indexOf (most of a body is strings), a
      // quote preceded by an odd run of backslashes being escaped.
      let j = text.indexOf('"', i + 1);
      while (j !== -1) {
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--; // stops at the opening quote at the latest
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j === -1) return false; // unterminated: JSON.parse reports it
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
