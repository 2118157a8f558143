/** Small manifests for the database tests, built from the manifest model. */
import { createHash } from 'node:crypto';
import type { IntegrationManifest, TemplateManifest } from '../../../src/manifest/types.js';
import type { ValidManifest } from '../../../src/sync/ports.js';

/** A ValidManifest with a checksum of its JSON (the real one is canonical; any digest will do here). */
export function valid(manifest: IntegrationManifest | TemplateManifest): ValidManifest {
  const folder = manifest.kind === 'integration' ? 'integrations' : 'templates';
  return {
    path: `${folder}/${manifest.key}/manifest.json`,
    manifest,
    checksum: `sha256:${createHash('sha256').update(JSON.stringify(manifest)).digest('hex')}`,
  };
}

/** A CRM-like integration with two entity types, a relationship and a mapping. */
export function integration(
  key: string,
  changes: Partial<IntegrationManifest> = {},
): IntegrationManifest {
  return {
    manifestVersion: '1.1',
    kind: 'integration',
    key,
    name: `${key} CRM`,
    description: `Contacts and companies from ${key}`,
    tags: ['crm', 'sales'],
    integration: {
      provider: key,
      category: 'data-source',
      syncDirection: 'inbound',
      authKinds: ['oauth2'],
      models: [{ key: 'contact', entityType: 'person' }],
      connectionConfig: {
        type: 'object',
        properties: { token: { type: 'string', 'x-secret': true } },
      },
    },
    entityTypes: [
      {
        key: 'person',
        displayName: 'Person',
        primaryKey: 'id',
        semantic: { definition: 'A human being', classifications: ['pii'] },
        attributes: [
          { key: 'id', dataType: 'string', required: true },
          {
            key: 'email',
            dataType: 'string',
            validation: { format: 'email' },
            semantic: { classifications: ['pii'] },
          },
          { key: 'company', dataType: 'reference', references: 'company' },
        ],
      },
      {
        key: 'company',
        displayName: 'Company',
        attributes: [
          { key: 'id', dataType: 'string', required: true },
          { key: 'size', dataType: 'enum', enumValues: ['small', 'large'] },
        ],
      },
    ],
    relationships: [
      {
        key: 'works-at',
        from: 'person',
        to: 'company',
        cardinality: 'many-to-one',
        via: 'company',
      },
    ],
    mappings: [
      {
        model: 'contact',
        entityType: 'person',
        fields: { id: { source: 'id' }, email: { source: 'properties.email' } },
      },
    ],
    ...changes,
  };
}

/** A template with one entity type. */
export function template(key: string): TemplateManifest {
  return {
    manifestVersion: '1.1',
    kind: 'template',
    key,
    name: `${key} template`,
    description: 'A business template',
    businessType: 'retail',
    entityTypes: [
      { key: 'order', displayName: 'Order', attributes: [{ key: 'id', dataType: 'string' }] },
    ],
  };
}
