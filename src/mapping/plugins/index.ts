import { emailDomain } from './emailDomain.js';
import { htmlToText } from './htmlToText.js';
import { minorUnitsToDecimal } from './minorUnitsToDecimal.js';
import { PluginRegistry } from './PluginRegistry.js';
import { splitFullName } from './splitFullName.js';

export type { MappingPlugin, PluginContext, PluginOutcome } from './MappingPlugin.js';
export { pluginFailure, pluginValue } from './MappingPlugin.js';
export { PluginRegistry } from './PluginRegistry.js';
export { emailDomain, htmlToText, minorUnitsToDecimal, splitFullName };

/**
 * A fresh registry with every plugin this build ships. The manifest validator uses its
 * `names()` to warn about unknown plugins; the engine uses it to compile mappings.
 */
export function defaultPluginRegistry(): PluginRegistry {
  return new PluginRegistry()
    .register(minorUnitsToDecimal)
    .register(splitFullName)
    .register(emailDomain)
    .register(htmlToText);
}
