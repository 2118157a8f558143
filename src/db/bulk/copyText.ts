/**
 * Rows in PostgreSQL's COPY text format (tab between columns, newline after each row,
 * `\N` for null), the format both bulk writers send. Pure.
 *
 * Escaping follows the COPY documentation: a backslash, tab, newline or carriage return in
 * a value is written as `\\`, `\t`, `\n`, `\r`; everything else, any Unicode included, goes
 * as is (the connection's encoding is UTF-8). So the value `\N` arrives as the two
 * characters, and only a real null as `\N`.
 */
import type { BulkColumn } from './tableColumns.js';

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** `text` with COPY's four special characters escaped. */
export function escapeCopyText(text: string): string {
  // Most values (ids, keys, checksums) have none: skip the replace.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : text;
}

/** One value as the text PostgreSQL parses into its column's type, before escaping; null for SQL NULL. */
export function columnText(value: unknown, column: BulkColumn): string | null {
  if (value === null || value === undefined) return null;
  if (column.json) return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // An object in a non-JSON column has no text form the ORM would write either.
  throw new TypeError(`column ${column.field}: cannot write a ${typeof value} as text`);
}

/** `rows` (entity property names as keys) as COPY text data for `columns`, one line a row. */
export function copyTextRows(rows: readonly object[], columns: readonly BulkColumn[]): string {
  const lines: string[] = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    const cells: string[] = new Array<string>(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as BulkColumn;
      const text = columnText(row[column.property], column);
      cells[c] = text === null ? '\\N' : escapeCopyText(text);
    }
    lines[r] = cells.join('\t');
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
