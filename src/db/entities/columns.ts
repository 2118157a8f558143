/**
 * Column helpers shared by every entity schema, so the same concept has the same SQL type
 * everywhere (timestamps with time zone, jsonb, the `source` enum).
 */
/** Where a row comes from. Only `MANIFEST` is written today; the others are reserved. */
export const DEFINITION_SOURCES = ['MANIFEST', 'TEMPLATE', 'RUNTIME'] as const;
/** One of `DEFINITION_SOURCES`. */
export type DefinitionSource = (typeof DEFINITION_SOURCES)[number];

/** Manifest kinds, as in src/manifest/types.ts. */
export const DEFINITION_KINDS = ['integration', 'template'] as const;

/** `uuid` primary key; the application generates it so children can be batch-inserted. */
export function uuidPk() {
  return { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' } as const;
}

/** `timestamptz(3)`; `nullable` for removal and finish times. */
export function timestamp(options: { nullable?: boolean } = {}) {
  return {
    type: 'datetime',
    columnType: 'timestamptz(3)',
    nullable: options.nullable ?? false,
  } as const;
}

/** `jsonb`, never null: an absent value is stored as the given SQL default. */
export function jsonb(defaultRaw?: string, nullable = false) {
  return { type: 'json', nullable, ...(defaultRaw ? { defaultRaw } : {}) } as const;
}

/** The `source` column every table carries; a check constraint keeps it to the known values. */
export function sourceColumn() {
  return { enum: true as const, items: [...DEFINITION_SOURCES] as string[], default: 'MANIFEST' };
}

/** `readonly` and `removed_at`, carried by every child so it can be served and hidden alone. */
export function childColumns() {
  return {
    source: sourceColumn(),
    readonly: { type: 'boolean', default: true } as const,
    removedAt: timestamp({ nullable: true }),
  };
}
