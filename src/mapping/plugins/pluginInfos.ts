import type { PluginInfo } from '../../manifest/validateManifest.js';
import type { PluginRegistry } from './PluginRegistry.js';

/**
 * The registered plugins as the validator wants them: each one's declared output type and
 * its own check of a transform's `options`. Every caller (validate, sync, map) passes the
 * same view, so `plugin-unknown` and `plugin-options-invalid` fire alike everywhere.
 */
export function pluginInfos(registry: PluginRegistry): ReadonlyMap<string, PluginInfo> {
  const infos = new Map<string, PluginInfo>();
  for (const name of registry.names()) {
    const plugin = registry.get(name);
    if (!plugin) continue;
    infos.set(name, {
      output: plugin.output,
      checkOptions: plugin.checkOptions ? (options) => plugin.checkOptions?.(options) : undefined,
    });
  }
  return infos;
}
