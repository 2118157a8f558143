/**
 * Small valid manifests for tests, built as objects and serialised like a contributor would
 * write them. Vary `extra` to change content (and so the checksum) without breaking validity.
 */
export interface IntegrationOptions {
  key: string;
  name?: string;
  /** Extra attributes of the `contact` entity type. */
  extraAttributes?: string[];
  description?: string;
}

export function integrationManifest(options: IntegrationOptions): Record<string, unknown> {
  const extra = (options.extraAttributes ?? []).map((key) => ({ key, dataType: 'string' }));
  return {
    manifestVersion: '1.0',
    kind: 'integration',
    key: options.key,
    name: options.name ?? options.key.toUpperCase(),
    description: options.description ?? `Test integration ${options.key}.`,
    integration: {
      provider: options.key,
      category: 'data-source',
      syncDirection: 'inbound',
      authKind: 'api-key',
      models: [{ key: 'contact', entityType: 'contact' }],
      connectionConfig: {
        type: 'object',
        properties: { apiKey: { type: 'string', title: 'API key', 'x-secret': true } },
        required: ['apiKey'],
      },
    },
    entityTypes: [
      {
        key: 'contact',
        displayName: 'Contact',
        readonly: true,
        attributes: [
          { key: 'id', dataType: 'string', required: true },
          { key: 'email', dataType: 'string', validation: { format: 'email' } },
          ...extra,
        ],
      },
    ],
    mappings: [
      {
        model: 'contact',
        entityType: 'contact',
        fields: { id: { source: 'id' }, email: { source: 'properties.email' } },
      },
    ],
  };
}

export function templateManifest(
  key: string,
  extraAttributes: string[] = [],
): Record<string, unknown> {
  return {
    manifestVersion: '1.0',
    kind: 'template',
    key,
    name: key,
    description: `Test template ${key}.`,
    businessType: 'saas',
    entityTypes: [
      {
        key: 'account',
        displayName: 'Account',
        attributes: [
          { key: 'id', dataType: 'string', required: true },
          ...extraAttributes.map((k) => ({ key: k, dataType: 'string' })),
        ],
      },
    ],
    exampleQuestions: [{ question: 'How many accounts?', entityTypes: ['account'] }],
  };
}

/** `integrations/<key>/manifest.json` -> pretty JSON text of a test integration. */
export function integrationFile(
  key: string,
  options: Omit<IntegrationOptions, 'key'> = {},
): Record<string, string> {
  return {
    [`integrations/${key}/manifest.json`]:
      JSON.stringify(integrationManifest({ key, ...options }), null, 2) + '\n',
  };
}
