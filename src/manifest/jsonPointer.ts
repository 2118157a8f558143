/** RFC 6901 JSON pointers: building and splitting them. */

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends tokens to a pointer: `joinPointer('/a', 'b/c', 0)` is `/a/b~1c/0`. */
export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  return base + tokens.map((t) => `/${escapePointerToken(t)}`).join('');
}

/** Splits a pointer into unescaped tokens; `""` is the whole document (no tokens). */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
