/**
 * The words a diff change is classified by. Kept apart from `ManifestChange.ts` so the rule
 * table (`diffRules.ts`) and the change model can both use them without importing each other.
 */

/** What part of a manifest a change is about. */
export type ChangeArea =
  | 'manifest'
  | 'entityType'
  | 'attribute'
  | 'relationship'
  | 'mapping'
  | 'connectionConfig'
  | 'operatorSettings'
  | 'model'
  | 'metadata';

/** How a part changed between two versions of a manifest. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

/** `breaking`: some consumer of the manifest stops working as before; `compatible`: none does. */
export type ChangeSeverity = 'breaking' | 'compatible';
