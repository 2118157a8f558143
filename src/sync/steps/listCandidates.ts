import type { Listed, SyncStep, Targeted } from '../SyncContext.js';

/**
 * Makes the target readable (fetching only if needed) and decides which manifests to read.
 * With a previous revision that is an ancestor of the target, only the manifests `git diff`
 * names are read: work in proportion to the change. Otherwise (first sync, force-push,
 * folder source) every manifest is a candidate and deletions are the stored paths that no
 * longer exist. Returns `fullScan`, `candidates`, `deleted`, `symlinks` and `stored`.
 */
export const listCandidates: SyncStep<Targeted, Listed> = async (input, { deps, force }) => {
  const { source, store } = deps;
  const { target, previous } = input;
  await source.prepare(target);

  const changes = previous && !force ? await source.listChanges(previous, target.id) : undefined;
  if (changes) {
    const deletes = changes.some((c) => c.status === 'deleted');
    return {
      ...input,
      fullScan: false,
      candidates: changes.filter((c) => c.status !== 'deleted').map((c) => c.path),
      deleted: changes.filter((c) => c.status === 'deleted').map((c) => c.path),
      symlinks: [],
      stored: await store.activeChecksums(changes.map((c) => c.path)),
      activeCount: deletes ? await store.countActive() : 0,
    };
  }
  const stored = await store.activeChecksums();
  const listing = await source.list(target.id);
  const present = new Set([...listing.manifests, ...listing.symlinks]);
  return {
    ...input,
    fullScan: true,
    candidates: listing.manifests,
    deleted: [...stored.keys()].filter((path) => !present.has(path)).sort(),
    symlinks: listing.symlinks,
    stored,
    activeCount: stored.size,
  };
};
