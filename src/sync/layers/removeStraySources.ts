import { SyncReason } from '../reasons.js';
import type { LayerStore, SourceRunSummary } from '../ports.js';

/**
 * Sources no longer in the list whose manifests are still served: removing a source from
 * REGSYNC_REGISTRY removes all of its manifests, which the deletion guard never does
 * unattended. Without `force` each such source is reported `refused` (DeletionGuard) and
 * keeps serving; with it (`regsync sync --once --force`, `POST /sync?force=true`) its
 * manifests are marked removed and their paths re-weighed, so an earlier source's copy of a
 * key the removed one had overridden is served again.
 */
export async function removeStraySources(options: {
  store: LayerStore;
  configured: readonly string[];
  force: boolean;
  touch: (paths: readonly string[]) => void;
}): Promise<{ summaries: SourceRunSummary[]; removed: number }> {
  const { store, force } = options;
  const stray = await store.strayOrigins(options.configured);
  const names = new Map((await store.listSources()).map((s) => [s.origin, s.name]));
  const summaries: SourceRunSummary[] = [];
  let removed = 0;
  for (const origin of stray) {
    const paths = await store.pathsOf(origin);
    const name = names.get(origin) ?? origin;
    const counts = { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 };
    if (!force) {
      summaries.push({
        name,
        status: 'refused',
        reason: SyncReason.DeletionGuard,
        message:
          `source "${name}" is no longer configured; refusing to remove its ${paths.length} manifests ` +
          `(the deletion guard never removes all of a source); run "regsync sync --once --force" to accept`,
        counts,
      });
      continue;
    }
    const scoped = store.forOrigin(origin);
    await scoped.applyRevision({
      revision: (await scoped.lastSyncedRevision()) ?? 'removed',
      save: [],
      recovered: [],
      invalid: [],
      removed: paths,
    });
    options.touch(paths);
    counts.removed = paths.length;
    removed += paths.length;
    summaries.push({
      name,
      status: 'succeeded',
      reason: SyncReason.Succeeded,
      message: `source "${name}" is no longer configured: removed its ${paths.length} manifests (forced)`,
      counts,
    });
  }
  return { summaries, removed };
}
