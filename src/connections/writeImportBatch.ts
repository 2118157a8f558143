/**
 * Building and writing the rows of new imported connections: one multi-row INSERT per batch,
 * and should it fail, one INSERT a line, so a line is always its own unit (stored whole or not
 * at all, whatever its neighbours do).
 */
import { randomUUID } from 'node:crypto';
import type { ImportCandidate } from './checkImportLine.js';
import type { ImportRun } from './ImportRun.js';
import type { ConnectionImportStore, ImportedConnection } from './ports.js';
import type { SecretBox } from './SecretBox.js';
import { secretAad } from './secretAad.js';
import { getPath, pathPointer, secretPaths, setPath } from './secretPaths.js';

/** The row of a new connection with a fresh id, its secrets encrypted under that id. */
export function importedRow(c: ImportCandidate, box: SecretBox, now: Date): ImportedConnection {
  const id = randomUUID();
  let config = c.line.config;
  for (const path of secretPaths(c.integration.connectionConfig)) {
    const value = getPath(config, path);
    if (value !== undefined)
      config = setPath(config, path, box.encrypt(value, secretAad(id, pathPointer(path))));
  }
  return {
    id,
    userId: c.line.userId,
    integrationType: c.integration.key,
    label: null,
    config,
    isActive: c.line.isActive ?? c.line.disconnectedAt === undefined,
    connectedAt: c.line.connectedAt ?? now,
    disconnectedAt: c.line.disconnectedAt ?? null,
    lastUsedAt: c.line.lastUsedAt ?? null,
    createdAt: now,
    updatedAt: now,
    importKey: c.line.importKey ?? null,
  };
}

/**
 * Writes `rows` (row i from `lines[i]`) and counts each imported, unchanged (a key another
 * import stored meanwhile) or failed (the database refused it). One INSERT for the batch; if it
 * fails, one per line, so only the failing line is lost.
 */
export async function writeImportBatch(options: {
  store: ConnectionImportStore;
  rows: ImportedConnection[];
  lines: ImportCandidate[];
  run: ImportRun;
}): Promise<void> {
  const { store, rows, lines, run } = options;
  try {
    const written = await store.insertMany(rows);
    run.report.imported += written.length;
    // A key another import stored meanwhile: ON CONFLICT skipped the row, which is unchanged.
    for (let i = written.length; i < rows.length; i++) run.unchanged();
    return;
  } catch {
    // Fall through: find the line(s) the database refused.
  }
  for (const [i, row] of rows.entries()) {
    try {
      if ((await store.insertMany([row])).length === 1) run.report.imported++;
      else run.unchanged();
    } catch (error) {
      run.fail(lines[i]!.lineNo, [
        {
          pointer: '',
          rule: 'write-failed',
          message: `the database refused this connection: ${String((error as Error).message).slice(0, 200)}`,
        },
      ]);
    }
  }
}
