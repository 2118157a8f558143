import type { PluginInfo } from '../../manifest/validateManifest.js';
import type { SyncLog } from '../SyncContext.js';
import type { LayerClaim, LayerStore, RegistrySource } from '../ports.js';
import { placeCopies, type Copy, type LayerInfo } from './layerPolicy.js';
import { readValidCopy } from './readValidCopy.js';

/** A configured source as the reconciliation needs it. */
export interface ReconcileLayer {
  info: LayerInfo;
  source: RegistrySource;
}

/**
 * Re-weighs `paths` across every source once the sources' runs are done, and writes what
 * the policy says where the served copy is not the one it should be: an override or a hide
 * went away (the earlier copy, shadowed or a collision, is read again from its source at
 * its synced revision and served), a hide was added (the served copy becomes shadowed), a
 * source that served a path removed it (the next copy takes over). A copy that is already
 * where it belongs costs nothing. Returns how many paths changed their served copy.
 * A source that cannot be read leaves its path as it is, logged; the next run tries again.
 */
export async function reconcileLayers(options: {
  paths: readonly string[];
  layers: readonly ReconcileLayer[];
  store: LayerStore;
  plugins?: ReadonlyMap<string, PluginInfo>;
  log?: SyncLog;
}): Promise<number> {
  const { layers, store, log } = options;
  if (options.paths.length === 0) return 0;
  const infos = layers.map((l) => l.info);
  const byOrigin = new Map(layers.map((l) => [l.info.origin, l]));
  const claims = await store.claims(options.paths);
  const byPath = new Map<string, LayerClaim[]>();
  for (const claim of claims) byPath.set(claim.path, [...(byPath.get(claim.path) ?? []), claim]);
  let moved = 0;
  for (const [path, pathClaims] of byPath) {
    const served = pathClaims.find((c) => c.served);
    const copies: Copy[] = pathClaims
      .filter((c) => c.served || c.state === 'active' || c.state === 'shadowed' || c.collision)
      .flatMap((c) => {
        const layer = byOrigin.get(c.origin);
        return layer ? [{ layer: layer.info, path }] : [];
      });
    const { served: winner, placements } = placeCopies(copies, infos);
    try {
      if (winner && winner.layer.origin !== served?.origin) {
        const layer = byOrigin.get(winner.layer.origin);
        if (layer && (await serveCopy({ layer, path, served, store, plugins: options.plugins })))
          moved++;
        continue;
      }
      if (!winner && served && byOrigin.has(served.origin)) {
        const placement = placements.get(served.origin);
        await store.forOrigin(served.origin).applyRevision({
          revision: (await store.forOrigin(served.origin).lastSyncedRevision()) ?? '',
          save: [],
          recovered: [],
          invalid: [],
          removed: [],
          shadowed: [
            {
              path,
              checksum: served.checksum ?? '',
              detail: placement?.kind === 'shadow' ? placement.detail : 'hidden',
            },
          ],
        });
        moved++;
      }
    } catch (error) {
      log?.warn(
        { path, err: (error as Error).message },
        'layered sync: could not move the served copy of a path; the next run tries again',
      );
    }
  }
  return moved;
}

/** Reads `layer`'s copy of `path` and serves it, displacing the copy served so far. */
async function serveCopy(options: {
  layer: ReconcileLayer;
  path: string;
  served: LayerClaim | undefined;
  store: LayerStore;
  plugins?: ReadonlyMap<string, PluginInfo>;
}): Promise<boolean> {
  const { layer, path, served, store } = options;
  const scoped = store.forOrigin(layer.info.origin);
  const revision = await scoped.lastSyncedRevision();
  if (!revision) return false;
  const copy = await readValidCopy({
    source: layer.source,
    revision,
    path,
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  if (!copy.ok) {
    await scoped.applyRevision({
      revision,
      save: [],
      recovered: [],
      invalid: [{ path, findings: copy.findings }],
      removed: [],
    });
    return false;
  }
  await scoped.applyRevision({
    revision,
    save: [copy.manifest],
    recovered: [],
    invalid: [],
    removed: [],
    ...(served
      ? {
          displaced: [
            {
              origin: served.origin,
              path,
              detail: `overridden by source "${layer.info.name}" (${path})`,
            },
          ],
        }
      : {}),
  });
  return true;
}
