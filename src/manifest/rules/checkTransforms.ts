import { joinPointer } from '../jsonPointer.js';
import { asObject, own } from './readShape.js';
import type { JsonObject } from './readShape.js';
import type { PluginInfo, Rule, RuleIssue } from './RuleContext.js';
import { forEachField, forEachTransform } from './walkMappings.js';

/**
 * on-invalid-default-without-default (a coerce with onInvalid "default" needs the field's
 * default), and, only when the caller passes the registered plugins, plugin-unknown
 * (warning) and plugin-options-invalid (the registered plugin's own options check).
 */
export const checkTransforms: Rule = ({ doc, plugins, walks }) => {
  const issues: RuleIssue[] = [];
  forEachField(
    doc,
    ({ key, field, pointer }) => {
      const hasDefault = Object.hasOwn(field, 'default');
      forEachTransform(
        own(field, 'transforms'),
        joinPointer(pointer, 'transforms'),
        (t, tPointer) => {
          if (own(t, 'onInvalid') === 'default' && !hasDefault) {
            issues.push({
              rule: 'on-invalid-default-without-default',
              pointer: joinPointer(tPointer, 'onInvalid'),
              message: `onInvalid is "default" but field "${key}" has no default; add "default" to the field or choose another onInvalid ("null", "skip", "fail").`,
            });
          }
          const plugin = own(t, 'plugin');
          if (!plugins || typeof plugin !== 'string') return;
          const info = plugins.get(plugin);
          if (!info) {
            const names = [...plugins.keys()].sort().join(', ');
            issues.push({
              rule: 'plugin-unknown',
              pointer: joinPointer(tPointer, 'plugin'),
              message: `Plugin "${plugin}" is not registered (registered: ${names || 'none'}); the field will be skipped until it is. Fix the name or register the plugin.`,
            });
            return;
          }
          const problem = optionsProblem(info, t);
          if (problem !== undefined) {
            issues.push({
              rule: 'plugin-options-invalid',
              pointer: joinPointer(tPointer, Object.hasOwn(t, 'options') ? 'options' : 'plugin'),
              message: `The options of plugin "${plugin}" are not valid: ${problem}. Fix them, or the engine will skip field "${key}".`,
            });
          }
        },
      );
    },
    walks,
  );
  return issues;
};

/** The plugin's verdict on the transform's options (absent options are `{}`, as the engine passes them). */
function optionsProblem(info: PluginInfo, t: JsonObject): string | undefined {
  if (!info.checkOptions) return undefined;
  const options = Object.hasOwn(t, 'options') ? asObject(t.options) : {};
  if (!options) return undefined; // not an object: a schema finding already says so
  try {
    return info.checkOptions(options);
  } catch (error) {
    return `the plugin's options check failed (${(error as Error).message})`;
  }
}
