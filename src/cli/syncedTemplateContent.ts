/**
 * When a new embedded data folder may start from the build's synced template (a sync of the
 * bundled registry, src/db/drivers/pgliteTemplate.ts), and what the template must hold for
 * it. The template stands in for the first sync only where that sync would have written
 * exactly what it holds and nobody would miss its side effects:
 * - the embedded database (PostgreSQL is never seeded);
 * - one source, the bundled registry folder, with no GitHub gate (a gate's check run is a
 *   side effect of a sync);
 * - no outbound webhook receivers: the first sync's change events are in the template,
 *   recorded when the build ran, so receivers configured on the new instance would never be
 *   sent them. With receivers the first sync runs as before and they are.
 * The content names the source, its folder and rights and the registry's revision (the
 * FolderSource digest of every manifest): a registry edited after the build has another
 * revision, and the template is refused.
 */
import type { RegsyncConfig } from '../config/loadConfig.js';
import type { RegistrySource } from '../sync/ports.js';

/**
 * What the synced template must hold for `config` (its `content` for syncedTemplateStamp),
 * read from `source` (the first source's registry source) when asked; undefined when the
 * configuration is not one the template may stand in for (see the file header).
 */
export function syncedTemplateContent(
  config: RegsyncConfig,
  source: RegistrySource,
): (() => Promise<string>) | undefined {
  const [only, ...others] = config.sources;
  if (config.databaseUrl || !only || others.length > 0 || !only.isBundled) return undefined;
  if (only.github || config.notify.receivers.length > 0) return undefined;
  return async () => {
    const revision = await source.resolveRevision();
    return JSON.stringify({
      source: only.name,
      subdir: only.subdir ?? null,
      rights: only.rights,
      revision: revision.id,
    });
  };
}
