import type { EntityManager } from '@mikro-orm/postgresql';
import type { Finding } from '../manifest/Finding.js';
import type { ManifestStateKind } from '../sync/ports.js';
import { ManifestStateSchema } from './entities/index.js';
import type { ManifestStateRow } from './entities/index.js';
import { kindAndKeyOfPath } from '../manifest/registryLayout.js';

/**
 * Upserts `manifest_state` rows for `paths`, inside the caller's transaction. `checksum` (one
 * for all paths) or `checksums` (by path) is written only when given (a save); otherwise an existing row keeps its last good checksum,
 * which is the point of recording an invalid or removed path.
 */
export async function writeManifestStates(
  em: EntityManager,
  options: {
    /** The source whose copies these are (`primary` when not layered). */
    origin: string;
    paths: string[];
    state: ManifestStateKind;
    checksum?: string;
    checksums?: ReadonlyMap<string, string>;
    findings: Finding[];
    /** Why the path is in its state when findings do not say it (`shadowed`). */
    detail?: string;
    revision: string;
    at: Date;
  },
): Promise<void> {
  const { origin, paths, state, checksums, findings, revision, at } = options;
  const checksumOf = (path: string) => checksums?.get(path) ?? options.checksum;
  if (paths.length === 0) return;
  const rows = paths.map((path) => {
    const parsed = kindAndKeyOfPath(path);
    const checksum = checksumOf(path);
    return {
      origin,
      path,
      kind: parsed?.kind ?? null,
      key: parsed?.key ?? null,
      state,
      ...(checksum === undefined ? {} : { checksum }),
      findings,
      detail: options.detail ?? null,
      revision,
      updatedAt: at,
    };
  });
  const merge: Array<keyof ManifestStateRow> = [
    'state',
    'findings',
    'detail',
    'revision',
    'updatedAt',
  ];
  if (options.checksum !== undefined || checksums !== undefined) merge.push('checksum');
  await em.upsertMany(ManifestStateSchema, rows, {
    onConflictFields: ['origin', 'path'],
    onConflictAction: 'merge',
    onConflictMergeFields: merge,
    // The rows are written, not kept: without this every upserted row became a managed entity
    // of the transaction's EntityManager, and the flush at commit compared each one with its
    // snapshot (UnitOfWork.computeChangeSets: 1.2 s of CPU in a cold sync of 10,000 at load 8),
    // and held 100,000 of them in memory at 100,000 manifests.
    disableIdentityMap: true,
  });
}

/**
 * Replaces the `never-ingested` rows with `paths`, inside the caller's transaction. A path
 * that already has a state (active, invalid, removed) keeps it: some version of it was
 * synced, and that is what a reader should see.
 */
export async function replaceNeverIngested(
  em: EntityManager,
  options: {
    origin: string;
    paths: readonly string[];
    detail: string;
    revision: string;
    at: Date;
    chunkSize: number;
  },
): Promise<void> {
  const { origin, paths, detail, revision, at, chunkSize } = options;
  await em.nativeDelete(ManifestStateSchema, { origin, state: 'never-ingested' });
  for (let i = 0; i < paths.length; i += chunkSize) {
    const rows = paths.slice(i, i + chunkSize).map((path) => {
      const parsed = kindAndKeyOfPath(path);
      return {
        origin,
        path,
        kind: parsed?.kind ?? null,
        key: parsed?.key ?? null,
        state: 'never-ingested' as const,
        findings: [],
        detail,
        revision,
        updatedAt: at,
      };
    });
    await em.upsertMany(ManifestStateSchema, rows, {
      onConflictFields: ['origin', 'path'],
      onConflictAction: 'ignore',
      disableIdentityMap: true,
    });
  }
}
