import { pluginFailure, pluginValue, type MappingPlugin } from './MappingPlugin.js';

/**
 * `split-full-name`: one part of a person's full name. Options `{ part: "first" | "last" }`.
 * Whitespace is collapsed; `first` is the first word, `last` everything after it
 * ("Jean Claude Van Damme": "Jean" and "Claude Van Damme"). A one-word name has no last
 * part (the value becomes missing); an empty name is missing for both.
 */
export const splitFullName: MappingPlugin = {
  name: 'split-full-name',
  description: 'Takes the first word (part "first") or the rest (part "last") of a full name.',
  output: 'string',
  checkOptions(options) {
    return options.part === 'first' || options.part === 'last'
      ? undefined
      : '"part" must be "first" or "last"';
  },
  apply(value, options) {
    if (typeof value !== 'string') return pluginFailure('expects a string');
    const words = value
      .trim()
      .split(/\s+/u)
      .filter((w) => w !== '');
    if (words.length === 0) return pluginValue(undefined);
    if (options.part === 'first') return pluginValue(words[0]);
    return pluginValue(words.length > 1 ? words.slice(1).join(' ') : undefined);
  },
};
