/**
 * True when JSON text nests objects and arrays deeper than `max`. A single pass over the
 * characters with a counter (strings and escapes skipped): no recursion, no parse, so a
 * hostile `[[[[...` of a megabyte costs one linear scan and cannot blow the stack.
 * Malformed text is not judged here; JSON.parse reports it afterwards.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
