/**
 * `envelope.list` as an ordered list of alternatives (README "Records a mapping applies
 * to", 1): the first path that yields an array holds the records, and `$` reads a bare
 * top-level array. Value by value here; the differential test checks the interpreter
 * agrees on the same fixture.
 */
import { describe, expect, it } from 'vitest';
import type { EntityType, ModelMapping } from '../manifest/types.js';
import { mapPayload } from './applyMapping.js';
import { compileMapping } from './compileMapping.js';
import { defaultPluginRegistry } from './plugins/index.js';
import fixture from './testdata/envelope-alternatives.json' with { type: 'json' };

const plugins = defaultPluginRegistry();
const entityType = fixture.entityType as unknown as EntityType;
const mapping = fixture.mapping as unknown as ModelMapping;
const compiled = compileMapping(mapping, entityType, { plugins });
const ids = (payload: unknown) =>
  mapPayload(compiled, payload, { mode: 'strict' }).map((r) => [r.ok, r.attributes.id]);

describe('envelope.list alternatives', () => {
  it('compiles without warnings', () => {
    expect(compiled.warnings).toEqual([]);
  });

  it('reads records, searchRecords and a bare array with one mapping', () => {
    const [query, search, collection] = fixture.records;
    expect(ids(query)).toEqual([[true, '001A']]);
    expect(ids(search)).toEqual([
      [true, '001B'],
      [false, undefined],
    ]);
    // The Collections answer's null (an id the user cannot see) is a record without a key.
    expect(ids(collection)).toEqual([
      [true, '001C'],
      [false, undefined],
      [true, '001D'],
    ]);
  });

  it('takes the first alternative that is an array, in order', () => {
    expect(ids({ records: 'no', searchRecords: [{ Id: 'x' }] })).toEqual([[true, 'x']]);
    expect(ids({ records: [{ Id: 'first' }], searchRecords: [{ Id: 'second' }] })).toEqual([
      [true, 'first'],
    ]);
  });

  it('maps a payload without an array as one record, and an empty array as none', () => {
    expect(ids({ Id: 'bare' })).toEqual([[true, 'bare']]);
    expect(ids([])).toEqual([]);
  });

  it('a list of one path is that path; one bad alternative voids the list, with a warning', () => {
    const one = compileMapping({ ...mapping, envelope: { list: ['records'] } }, entityType, {
      plugins,
    });
    expect(mapPayload(one, { records: [{ Id: 'a' }, { Id: 'b' }] })).toHaveLength(2);
    const bad = compileMapping(
      { ...mapping, envelope: { list: ['records', '$[?(@.x)]'] } },
      entityType,
      { plugins },
    );
    expect(bad.warnings.map((w) => [w.rule, w.source])).toEqual([['jsonpath-script', '$[?(@.x)]']]);
    expect(mapPayload(bad, { records: [{ Id: 'a' }, { Id: 'b' }] })).toHaveLength(1);
  });
});
