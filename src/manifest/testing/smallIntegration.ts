/**
 * A small valid integration manifest (`acme`, entity type `contact`, model `m`) for unit
 * tests of the validator, which mutate deep parts of a fresh copy freely. Each test file
 * chooses the contact's attributes and the mapped fields it needs.
 */
export function smallIntegration(
  options: {
    attributes?: Array<Record<string, unknown>>;
    fields?: Record<string, unknown>;
  } = {},
  // Tests mutate deep parts of the document freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Record<string, any> {
  return {
    manifestVersion: '1.0',
    kind: 'integration',
    key: 'acme',
    name: 'Acme',
    description: 'Test.',
    entityTypes: [
      {
        key: 'contact',
        displayName: 'Contact',
        attributes: options.attributes ?? [{ key: 'id', dataType: 'string' }],
      },
    ],
    integration: {
      provider: 'acme',
      category: 'data-source',
      syncDirection: 'inbound',
      authKind: 'none',
      models: [{ key: 'm', entityType: 'contact' }],
      connectionConfig: { type: 'object', properties: {} },
    },
    mappings: [
      { model: 'm', entityType: 'contact', fields: options.fields ?? { id: { source: 'id' } } },
    ],
  };
}
