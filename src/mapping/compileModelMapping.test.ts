import { describe, expect, it } from 'vitest';
import type { IntegrationManifest } from '../manifest/types.js';
import { smallIntegration } from '../manifest/testing/smallIntegration.js';
import { applyMapping } from './applyMapping.js';
import { compileModelMapping } from './compileModelMapping.js';
import { PluginRegistry } from './plugins/PluginRegistry.js';
import { pluginValue } from './plugins/MappingPlugin.js';

const manifest = (fields: Record<string, unknown>) =>
  smallIntegration({
    attributes: [
      { key: 'id', dataType: 'string' },
      { key: 'name', dataType: 'string' },
    ],
    fields,
  }) as IntegrationManifest;

describe('compileModelMapping', () => {
  it('compiles the model against its entity type, ready to apply', () => {
    const result = compileModelMapping(manifest({ id: { source: 'id' } }), 'm');
    if (!result.ok) throw new Error(result.message);
    expect(result.compiled.entityType).toBe('contact');
    expect(applyMapping(result.compiled, { id: 'c1' }).attributes).toEqual({ id: 'c1' });
  });

  it('names the models a manifest has when asked for another', () => {
    const result = compileModelMapping(manifest({ id: { source: 'id' } }), 'nope');
    expect(result).toMatchObject({ ok: false, reason: 'unknown-model', models: ['m'] });
  });

  it('reports an unknown entity type instead of throwing', () => {
    const doc = manifest({ id: { source: 'id' } });
    const [mapping] = doc.mappings ?? [];
    if (mapping) mapping.entityType = 'ghost';
    expect(compileModelMapping(doc, 'm')).toMatchObject({
      ok: false,
      reason: 'unknown-entity-type',
    });
  });

  it('uses the plugins it is given, and only those', () => {
    const shout = new PluginRegistry().register({
      name: 'shout',
      description: 'Upper-cases.',
      output: 'string',
      apply: (value) => pluginValue(String(value).toUpperCase()),
    });
    const doc = manifest({
      id: { source: 'id' },
      name: { source: 'name', transforms: [{ plugin: 'shout' }] },
    });
    const withPlugin = compileModelMapping(doc, 'm', shout);
    if (!withPlugin.ok) throw new Error(withPlugin.message);
    expect(applyMapping(withPlugin.compiled, { id: '1', name: 'ada' }).attributes).toEqual({
      id: '1',
      name: 'ADA',
    });
    // The default registry has no "shout": the field is skipped with a warning.
    const without = compileModelMapping(doc, 'm');
    if (!without.ok) throw new Error(without.message);
    expect(without.compiled.fieldKeys).toEqual(['id']);
    expect(without.compiled.warnings.length).toBeGreaterThan(0);
  });
});
