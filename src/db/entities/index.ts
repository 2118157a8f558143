/** Every entity schema of the database, in the order MikroORM discovers them. */
import { AttributeSchema } from './AttributeRow.js';
import { ChangeEventSchema, ChangeFeedSchema } from './ChangeEventRow.js';
import { NotifyDeliverySchema } from './NotifyDeliveryRow.js';
import { DefinitionSchema } from './DefinitionRow.js';
import { EntityTypeSchema } from './EntityTypeRow.js';
import { FieldMappingSchema } from './FieldMappingRow.js';
import { ManifestStateSchema } from './ManifestStateRow.js';
import { RelationshipSchema } from './RelationshipRow.js';
import { SyncRunSchema } from './SyncRunRow.js';
import { RegistrySourceSchema } from './RegistrySourceRow.js';
import { IntegrationConnectionSchema } from './IntegrationConnectionRow.js';
import { WorkspaceAttributeSchema } from './WorkspaceAttributeRow.js';
import { WorkspaceEntityTypeSchema } from './WorkspaceEntityTypeRow.js';
import { WorkspaceRelationshipSchema } from './WorkspaceRelationshipRow.js';
import { WorkspaceSchema } from './WorkspaceRow.js';
import { WorkspaceTemplateSchema } from './WorkspaceTemplateRow.js';

/** Every entity schema, the list MikroORM is given (ormOptions.ts) for both drivers. */
export const entities = [
  DefinitionSchema,
  EntityTypeSchema,
  AttributeSchema,
  RelationshipSchema,
  FieldMappingSchema,
  ManifestStateSchema,
  SyncRunSchema,
  RegistrySourceSchema,
  IntegrationConnectionSchema,
  WorkspaceSchema,
  WorkspaceTemplateSchema,
  WorkspaceEntityTypeSchema,
  WorkspaceAttributeSchema,
  WorkspaceRelationshipSchema,
  ChangeEventSchema,
  ChangeFeedSchema,
  NotifyDeliverySchema,
];

export {
  AttributeSchema,
  ChangeEventSchema,
  ChangeFeedSchema,
  NotifyDeliverySchema,
  DefinitionSchema,
  EntityTypeSchema,
  FieldMappingSchema,
  ManifestStateSchema,
  RegistrySourceSchema,
  RelationshipSchema,
  SyncRunSchema,
};
export type { AttributeRow } from './AttributeRow.js';
export type { DefinitionRow } from './DefinitionRow.js';
export type { EntityTypeRow } from './EntityTypeRow.js';
export type { FieldMappingRow } from './FieldMappingRow.js';
export type { ManifestStateRow } from './ManifestStateRow.js';
export type { RelationshipRow } from './RelationshipRow.js';
export type { SyncRunRow } from './SyncRunRow.js';
export type { RegistrySourceRow } from './RegistrySourceRow.js';
export { DEFINITION_SOURCES, DEFINITION_KINDS } from './columns.js';
export type { DefinitionSource } from './columns.js';
export { MANIFEST_STATES } from './ManifestStateRow.js';
export {
  IntegrationConnectionSchema,
  WorkspaceAttributeSchema,
  WorkspaceEntityTypeSchema,
  WorkspaceRelationshipSchema,
  WorkspaceSchema,
  WorkspaceTemplateSchema,
};
export type { IntegrationConnectionRow } from './IntegrationConnectionRow.js';
export type { WorkspaceAttributeRow } from './WorkspaceAttributeRow.js';
export type { WorkspaceEntityTypeRow } from './WorkspaceEntityTypeRow.js';
export type { WorkspaceRelationshipRow } from './WorkspaceRelationshipRow.js';
export type { WorkspaceRow } from './WorkspaceRow.js';
export type { WorkspaceTemplateRow } from './WorkspaceTemplateRow.js';
export type { ChangeEventRow, ChangeFeedRow } from './ChangeEventRow.js';
export type { DeliveryAttemptRow, NotifyDeliveryRow } from './NotifyDeliveryRow.js';
