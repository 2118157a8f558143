/**
 * A mid-sized synthetic integration manifest (two entity types, a dozen attributes, a
 * relationship and a mapping, about 3 KB), varied by `version` so that a change produces a
 * new checksum.
 */
export function syntheticManifest(key: string, version: number): Record<string, unknown> {
  const attrs = (prefix: string) => [
    {
      key: 'id',
      dataType: 'string',
      required: true,
      semantic: { definition: `Identifier of the ${prefix}.`, classifications: ['identifier'] },
    },
    {
      key: 'name',
      dataType: 'string',
      semantic: { definition: `Name of the ${prefix}.`, classifications: ['dimension'] },
    },
    {
      key: 'email',
      dataType: 'string',
      validation: { format: 'email' },
      semantic: { classifications: ['pii'] },
    },
    {
      key: 'status',
      dataType: 'enum',
      enumValues: ['active', 'inactive', 'pending'],
      semantic: { classifications: ['status'] },
    },
    { key: 'amount', dataType: 'number', semantic: { classifications: ['metric', 'currency'] } },
    { key: 'createdAt', dataType: 'datetime', semantic: { classifications: ['timestamp'] } },
  ];
  return {
    manifestVersion: '1.0',
    kind: 'integration',
    key,
    name: `Vendor ${key}`,
    description: `Synthetic integration ${key}, revision ${version}.`,
    version: `1.${version}.0`,
    tags: ['crm', 'synthetic'],
    integration: {
      provider: key,
      category: 'data-source',
      syncDirection: 'inbound',
      authKind: 'api-key',
      models: [
        { key: 'contact', entityType: 'contact' },
        { key: 'account', entityType: 'account' },
      ],
      connectionConfig: {
        type: 'object',
        properties: {
          apiKey: {
            type: 'string',
            title: 'API key',
            description: 'Key from the vendor console.',
            'x-secret': true,
          },
        },
        required: ['apiKey'],
      },
    },
    entityTypes: [
      {
        key: 'contact',
        displayName: 'Contact',
        readonly: true,
        attributes: [
          ...attrs('contact'),
          { key: 'account', dataType: 'reference', references: 'account' },
        ],
      },
      { key: 'account', displayName: 'Account', readonly: true, attributes: attrs('account') },
    ],
    relationships: [
      {
        key: 'contact_account',
        from: 'contact',
        to: 'account',
        cardinality: 'many-to-one',
        via: 'account',
      },
    ],
    mappings: [
      {
        model: 'contact',
        entityType: 'contact',
        fields: {
          id: { source: 'id', transforms: [{ coerce: 'string' }] },
          name: { template: '{properties.firstname} {properties.lastname}' },
          email: { source: 'properties.email', transforms: [{ string: 'lower' }] },
          status: {
            source: 'properties.status',
            transforms: [{ valueMap: { a: 'active', i: 'inactive' }, fallback: 'pending' }],
          },
          amount: {
            source: 'properties.amount',
            transforms: [{ coerce: 'decimal', minorUnits: 2, onInvalid: 'null' }],
          },
          createdAt: { source: 'createdAt', transforms: [{ coerce: 'datetime' }] },
        },
      },
    ],
  };
}
