import { EntitySchema } from '@mikro-orm/core';
import type { SemanticMetadata } from '../../manifest/types.js';
import { childColumns, jsonb, uuidPk } from './columns.js';
import type { DefinitionSource } from './columns.js';
import type { DefinitionRow } from './DefinitionRow.js';

/** An entity type of a definition: table `entity_type`, unique by (definition, key). */
export interface EntityTypeRow {
  id: string;
  definition: DefinitionRow;
  key: string;
  displayName: string;
  description?: string | null;
  readonly: boolean;
  source: DefinitionSource;
  semantic?: SemanticMetadata | null;
  primaryKey?: string | null;
  /** Order in the manifest, from 0. */
  position: number;
  removedAt?: Date | null;
}

/**
 * The MikroORM schema of `EntityTypeRow`: table `entity_type`, its columns, indexes and
 * relations (docs/database.md describes the table).
 */
export const EntityTypeSchema = new EntitySchema<EntityTypeRow>({
  name: 'EntityTypeRow',
  tableName: 'entity_type',
  properties: {
    id: uuidPk(),
    definition: { kind: 'm:1', entity: 'DefinitionRow', deleteRule: 'cascade' },
    key: { type: 'text' },
    displayName: { type: 'text' },
    description: { type: 'text', nullable: true },
    semantic: jsonb(undefined, true),
    primaryKey: { type: 'text', nullable: true },
    position: { type: 'integer' },
    ...childColumns(),
  },
  uniques: [{ name: 'entity_type_definition_key_unique', properties: ['definition', 'key'] }],
});
