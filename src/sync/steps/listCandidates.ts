import type { SyncStep } from '../SyncContext.js';

/**
 * Makes the target readable (fetching only if needed) and decides which manifests to read.
 * With a previous revision that is an ancestor of the target, only the manifests `git diff`
 * names are read: work in proportion to the change. Otherwise (first sync, force-push,
 * folder source) every manifest is a candidate and deletions are the stored paths that no
 * longer exist. Sets `fullScan`, `candidates`, `deleted`, `symlinks` and `stored`.
 */
export const listCandidates: SyncStep = async (ctx) => {
  const { source, store } = ctx.deps;
  const target = ctx.target;
  if (!target) throw new Error('listCandidates runs after resolveTarget');
  await source.prepare(target);

  const changes =
    ctx.previous && !ctx.force ? await source.listChanges(ctx.previous, target.id) : undefined;
  if (changes) {
    ctx.fullScan = false;
    ctx.candidates = changes.filter((c) => c.status !== 'deleted').map((c) => c.path);
    ctx.deleted = changes.filter((c) => c.status === 'deleted').map((c) => c.path);
    ctx.stored = await store.activeChecksums(changes.map((c) => c.path));
    ctx.activeCount = await store.countActive();
    return 'continue';
  }
  ctx.fullScan = true;
  ctx.stored = await store.activeChecksums();
  ctx.activeCount = ctx.stored.size;
  const listing = await source.list(target.id);
  const present = new Set([...listing.manifests, ...listing.symlinks]);
  ctx.candidates = listing.manifests;
  ctx.symlinks = listing.symlinks;
  ctx.deleted = [...ctx.stored.keys()].filter((path) => !present.has(path)).sort();
  return 'continue';
};
