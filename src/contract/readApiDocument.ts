import { readFile } from 'node:fs/promises';

/**
 * Reads an OpenAPI document (JSON) from a file for `regsync api-diff`. An unreadable file or
 * one that is not a JSON object with `openapi` and `paths` is an Error naming the file.
 */
export async function readApiDocument(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseApiDocument(text, file);
}

/**
 * Parses the text of an OpenAPI document (JSON) that came from `where` (a file, or
 * `revision:path`). Text that is not JSON, or JSON that is not an object with an `openapi`
 * version and `paths`, is an Error naming `where`.
 */
export function parseApiDocument(text: string, where: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error(`${where}: an OpenAPI document is a JSON object`);
  const record = doc as Record<string, unknown>;
  if (typeof record.openapi !== 'string' || typeof record.paths !== 'object' || !record.paths)
    throw new Error(`${where}: not an OpenAPI document (no "openapi" version or no "paths")`);
  return record;
}
