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
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error(`${file}: an OpenAPI document is a JSON object`);
  const record = doc as Record<string, unknown>;
  if (typeof record.openapi !== 'string' || typeof record.paths !== 'object' || !record.paths)
    throw new Error(`${file}: not an OpenAPI document (no "openapi" version or no "paths")`);
  return record;
}
