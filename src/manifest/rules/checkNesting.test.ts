import { describe, expect, it } from 'vitest';
import { inspectField } from '../../mapping/inspectMapping.js';
import { MAX_NESTING } from '../../mapping/limits.js';
import { defaultPluginRegistry } from '../../mapping/plugins/index.js';
import type { MappingFinding } from '../../mapping/types.js';
import type { FieldMapping, Transform } from '../types.js';
import { validateManifest } from '../validateManifest.js';

type Wrap = (inner: Transform[]) => Transform;
const WRAPS: Record<string, Wrap> = {
  if: (inner) => ({ if: { op: 'exists' }, then: inner }),
  else: (inner) => ({ if: { op: 'exists' }, else: inner }),
  each: (inner) => ({ each: inner }),
  mapEach: (inner) => ({ mapEach: { x: { source: 'x', transforms: inner } } }),
};

/** A field whose chain nests `levels` constructs, cycling through the kinds from `start`. */
function nestedField(levels: number, start: number): FieldMapping {
  const kinds = Object.values(WRAPS);
  let chain: Transform[] = [{ string: 'trim' }];
  for (let i = levels - 1; i >= 0; i--) chain = [kinds[(start + i) % kinds.length]!(chain)];
  return { source: 'raw', transforms: chain };
}

function validatorSays(field: FieldMapping): boolean {
  const doc = {
    manifestVersion: '1.0',
    kind: 'integration',
    key: 'acme',
    name: 'Acme',
    description: 'x',
    entityTypes: [{ key: 'c', displayName: 'C', attributes: [{ key: 'raw', dataType: 'json' }] }],
    integration: {
      provider: 'acme',
      category: 'data-source',
      syncDirection: 'inbound',
      authKind: 'none',
      models: [{ key: 'm', entityType: 'c' }],
      connectionConfig: { type: 'object', properties: {} },
    },
    mappings: [{ model: 'm', entityType: 'c', fields: { raw: field } }],
  };
  const findings = validateManifest({ file: 'm.json', text: JSON.stringify(doc) }).findings;
  return findings.some((f) => f.rule === 'mapping-too-complex');
}

describe('mapping-too-complex agrees with the engine', () => {
  const plugins = defaultPluginRegistry();
  for (let levels = MAX_NESTING - 2; levels <= MAX_NESTING + 2; levels++) {
    for (let start = 0; start < Object.keys(WRAPS).length; start++) {
      it(`${levels} levels starting with ${Object.keys(WRAPS)[start]}`, () => {
        const field = nestedField(levels, start);
        // With a warnings list, the engine's static pass records the field's problem there,
        // and the problems of skipped mapEach sub-fields too.
        const warnings: MappingFinding[] = [];
        inspectField(field, 'raw', 0, plugins, warnings);
        const engineAny = warnings.some((w) => w.rule === 'mapping-too-complex');
        expect(validatorSays(field)).toBe(engineAny);
        expect(engineAny).toBe(levels > MAX_NESTING);
      });
    }
  }
});
