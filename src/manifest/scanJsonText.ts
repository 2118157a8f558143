/**
 * One linear pass over JSON text that finds the two things the fast parse needs before and
 * after `JSON.parse`: where the text first nests deeper than a limit (the parser, the checksum
 * and the rules recurse, so a 1 MiB file of `[[[[...` must be refused before any of them
 * runs), and how many object keys it writes (compared with the parsed value's count, see
 * countKeys.ts, to know no object repeats a key). These were two passes with the same
 * string-skipping loop; together they cost one (a full-scan profile put the two at a quarter
 * of parsing).
 */

/** What `scanJsonText` found. */
export interface JsonTextScan {
  /** Offset of the first `[` or `{` beyond the depth limit, or -1 when there is none. */
  tooDeepAt: number;
  /**
   * Object keys written in the text, counted up to `tooDeepAt` (all of them when it is -1).
   * Exact only for valid JSON: a string is a key when it follows `{` or `,` inside an object.
   */
  keys: number;
}

/**
 * Scans `text` once (strings are skipped with their escapes), stopping at the first bracket
 * that nests deeper than `depthLimit`. Pure, allocates one small array.
 */
export function scanJsonText(text: string, depthLimit: number): JsonTextScan {
  // One flag per open container (1 for an object), up to the limit: deeper stops the scan.
  const inObject = new Uint8Array(Math.min(depthLimit, text.length) + 1);
  let depth = 0;
  let expectKey = false;
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      if (expectKey) {
        keys++;
        expectKey = false;
      }
      // Most of a manifest's characters are inside strings: a tight loop of their own (a
      // backslash skips the escaped character).
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) i++;
        else if (c === 0x22) break;
      }
    } else if (ch === 0x7b || ch === 0x5b) {
      if (depth >= depthLimit) return { tooDeepAt: i, keys };
      // Unbalanced closers (invalid JSON) take the depth below zero, as the nesting check
      // always did: the offset it reports for such text must not change.
      if (depth >= 0) inObject[depth] = ch === 0x7b ? 1 : 0;
      depth++;
      expectKey = ch === 0x7b;
    } else if (ch === 0x7d || ch === 0x5d) {
      depth--;
      expectKey = false;
    } else if (ch === 0x2c) {
      expectKey = depth > 0 && inObject[depth - 1] === 1;
    }
  }
  return { tooDeepAt: -1, keys };
}
