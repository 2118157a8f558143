/** Small helpers for catalog queries: LIKE escaping and opaque keyset cursors. */
import type { DefinitionSource } from './entities/index.js';
import { DEFINITION_SOURCES } from './entities/index.js';

/** `%text%` for ILIKE, with `\`, `%` and `_` in `text` matched literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Position after which the next page starts: the last item's (key, source). */
export interface DefinitionCursor {
  key: string;
  source: DefinitionSource;
}

/** Encodes a definition list cursor as opaque base64url text; `decodeCursor` reads it back. */
export function encodeCursor(cursor: DefinitionCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.source]), 'utf8').toString('base64url');
}

/** A cursor this service did not issue (the HTTP layer answers 400). */
export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('The cursor is not one this service issued; start again without it');
    this.name = 'InvalidCursorError';
  }
}

/** The cursor, or undefined when `text` is not one encodeCursor made. */
export function decodeCursor(text: string): DefinitionCursor | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [key, source] = value as unknown[];
  if (typeof key !== 'string' || !DEFINITION_SOURCES.includes(source as DefinitionSource))
    return undefined;
  return { key, source: source as DefinitionSource };
}
