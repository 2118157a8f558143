import { joinPointer } from '../jsonPointer.js';
import {
  asObject,
  asString,
  indexEntityTypes,
  indexModels,
  objectItems,
  own,
} from './readShape.js';
import type { Rule, RuleIssue } from './RuleContext.js';

function known(keys: Iterable<string>): string {
  const list = [...keys];
  return list.length > 0 ? `known: ${list.join(', ')}` : 'none is defined';
}

/**
 * unknown-entity-type, unknown-attribute, unknown-model and mapping-entity-mismatch: every
 * name that refers to something else in the manifest must resolve.
 */
export const checkReferences: Rule = ({ doc, walks }) => {
  const entities = indexEntityTypes(doc, walks);
  const models = indexModels(doc);
  const issues: RuleIssue[] = [];
  const entityRef = (value: unknown, pointer: string, what: string) => {
    const key = asString(value);
    if (key !== undefined && !entities.has(key)) {
      issues.push({
        rule: 'unknown-entity-type',
        pointer,
        message: `${what} names entity type "${key}", which this manifest does not define (${known(entities.keys())}); fix the name or add the entity type.`,
      });
    }
  };

  for (const { item, pointer } of objectItems(doc, 'entityTypes', '')) {
    const entity = entities.get(asString(own(item, 'key')) ?? '');
    for (const a of objectItems(item, 'attributes', pointer)) {
      // Only reference attributes name an entity type: no pointer or label for the others.
      const references = own(a.item, 'references');
      if (typeof references !== 'string') continue;
      entityRef(
        references,
        joinPointer(a.pointer, 'references'),
        `Attribute "${asString(own(a.item, 'key')) ?? '?'}"`,
      );
    }
    const primaryKey = asString(own(item, 'primaryKey'));
    if (primaryKey !== undefined && entity?.node === item && !entity.attributes.has(primaryKey)) {
      issues.push({
        rule: 'unknown-attribute',
        pointer: joinPointer(pointer, 'primaryKey'),
        message: `primaryKey "${primaryKey}" is not an attribute of "${entity.key}" (${known(entity.attributes.keys())}); name one of its attributes.`,
      });
    }
  }

  for (const { item, pointer } of objectItems(doc, 'relationships', '')) {
    const key = asString(own(item, 'key')) ?? '?';
    entityRef(own(item, 'from'), joinPointer(pointer, 'from'), `Relationship "${key}" (from)`);
    entityRef(own(item, 'to'), joinPointer(pointer, 'to'), `Relationship "${key}" (to)`);
    const via = asString(own(item, 'via'));
    const from = entities.get(asString(own(item, 'from')) ?? '');
    if (via !== undefined && from && !from.attributes.has(via)) {
      issues.push({
        rule: 'unknown-attribute',
        pointer: joinPointer(pointer, 'via'),
        message: `Relationship "${key}" goes via "${via}", which is not an attribute of "${from.key}" (${known(from.attributes.keys())}).`,
      });
    }
  }

  const integration = asObject(own(doc, 'integration'));
  for (const { item, pointer } of objectItems(integration, 'models', '/integration')) {
    entityRef(
      own(item, 'entityType'),
      joinPointer(pointer, 'entityType'),
      `Model "${asString(own(item, 'key')) ?? '?'}"`,
    );
  }

  for (const { item, pointer } of objectItems(doc, 'mappings', '')) {
    const modelKey = asString(own(item, 'model'));
    const entityKey = asString(own(item, 'entityType'));
    entityRef(
      entityKey,
      joinPointer(pointer, 'entityType'),
      `The mapping of model "${modelKey ?? '?'}"`,
    );
    const model = modelKey === undefined ? undefined : models.get(modelKey);
    if (modelKey !== undefined && !model) {
      issues.push({
        rule: 'unknown-model',
        pointer: joinPointer(pointer, 'model'),
        message: `Model "${modelKey}" is not listed in integration.models (${known(models.keys())}); add it there or fix the name.`,
      });
    }
    if (
      model?.entityType !== undefined &&
      entityKey !== undefined &&
      model.entityType !== entityKey
    ) {
      issues.push({
        rule: 'mapping-entity-mismatch',
        pointer: joinPointer(pointer, 'entityType'),
        message: `The mapping targets entity type "${entityKey}" but model "${modelKey}" becomes "${model.entityType}"; make them the same.`,
      });
    }
    const entity = entityKey === undefined ? undefined : entities.get(entityKey);
    const fields = asObject(own(item, 'fields'));
    if (!entity || !fields) continue;
    for (const field of Object.keys(fields)) {
      if (entity.attributes.has(field)) continue;
      issues.push({
        rule: 'unknown-attribute',
        pointer: joinPointer(pointer, 'fields', field),
        message: `Field "${field}" is not an attribute of "${entity.key}" (${known(entity.attributes.keys())}); fix the name or add the attribute.`,
        at: 'key',
      });
    }
  }

  objectItems(doc, 'exampleQuestions', '').forEach(({ item, pointer }) => {
    const list = own(item, 'entityTypes');
    if (!Array.isArray(list)) return;
    list.forEach((name, index) =>
      entityRef(name, joinPointer(pointer, 'entityTypes', index), 'An example question'),
    );
  });
  return issues;
};
