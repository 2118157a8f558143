import type { FieldError } from '../errors/FieldError.js';
import { validateManifest } from '../manifest/validateManifest.js';
import type { TemplateManifest } from '../manifest/types.js';
import { entityTypeHeader, plainAttribute, plainRelationship } from './WorkspaceModel.js';
import type { WorkspaceModel } from './WorkspaceModel.js';

/**
 * The workspace model as a template manifest: what the validator checks and what
 * `GET /workspaces/:id` shows as `model`. Entity type and attribute order is the workspace's.
 */
export function workspaceAsTemplate(model: WorkspaceModel, name: string): TemplateManifest {
  return {
    manifestVersion: '1.0',
    kind: 'template',
    key: 'workspace',
    name: name || 'workspace',
    description: 'A workspace model',
    businessType: 'workspace',
    entityTypes: model.entityTypes.map((et) => ({
      ...entityTypeHeader(et),
      ...(et.readonly ? { readonly: true } : {}),
      attributes: et.attributes.map(plainAttribute),
    })),
    ...(model.relationships.length > 0
      ? { relationships: model.relationships.map(plainRelationship) }
      : {}),
  };
}

/**
 * Runs the manifest validator (JSON Schema and every semantic rule: duplicate keys, references,
 * enum values, attribute validation rules, ...) on the workspace's resulting model. Returns the
 * errors with pointers into that template-shaped document prefixed by `/model`
 * (`/model/entityTypes/2/attributes/0/dataType`); warnings are not errors.
 */
export function validateWorkspaceModel(model: WorkspaceModel, name: string): FieldError[] {
  const doc = workspaceAsTemplate(model, name);
  const result = validateManifest({ file: 'workspace', text: JSON.stringify(doc) });
  return result.findings
    .filter((f) => f.severity === 'error')
    .map((f) => ({ pointer: `/model${f.pointer}`, rule: f.rule, message: f.message }));
}
