import { pluginFailure, pluginValue, type MappingPlugin } from './MappingPlugin.js';

/** `email-domain`: the lower-cased domain of an email address (`Ann@Example.COM` gives `example.com`). */
export const emailDomain: MappingPlugin = {
  name: 'email-domain',
  description: 'Extracts the lower-cased domain of an email address.',
  output: 'string',
  apply(value) {
    if (typeof value !== 'string') return pluginFailure('expects a string');
    const text = value.trim();
    const at = text.lastIndexOf('@');
    const domain = at > 0 ? text.slice(at + 1) : '';
    if (domain === '' || domain.length > 253 || /[\s@]/u.test(domain))
      return pluginFailure('expects an email address');
    return pluginValue(domain.toLowerCase());
  },
};
