/**
 * Finds where JSON text first nests deeper than `limit` arrays and objects, in one linear
 * pass that skips strings. The parser, the checksum and the rules recurse, so a 1 MiB file
 * of `[[[[...` would exhaust the stack; this check runs before any of them.
 *
 * @returns the offset of the first bracket beyond the limit, or -1 when there is none.
 */
export function findExcessNesting(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      // A string is skipped by its own tight loop (a backslash skips the escaped character):
      // most of a manifest's characters are inside strings, and one state test per character
      // made this pass cost five times the key count's, which has the same loop.
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) i++;
        else if (c === 0x22) break;
      }
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return i;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return -1;
}
