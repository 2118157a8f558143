/**
 * The bundled registry (registry/integrations/*, registry/templates/*) against the format-1.0
 * JSON Schemas, plus the checks a schema cannot express but a reviewer would otherwise have
 * to do by eye: folder name equals key, every mapping path parses with the engine's own
 * parser, references and relationships point at declared entity types and attributes,
 * connection configs are themselves valid JSON Schemas with a title and description on every
 * property, and every payload fixture maps, in strict mode and without a single finding, to
 * exactly the attributes its `<model>.expected.json` lists.
 *
 * The full semantic validator lives in src/manifest; this file keeps the bundled registry
 * honest on its own, without depending on that work being finished.
 */
import { CURRENT_MANIFEST_VERSION } from '../../src/manifest/upgrade/upgradeSteps.js';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parseSourcePath } from '../../src/mapping/parseSourcePath.js';
import {
  applyMapping,
  compileMapping,
  defaultPluginRegistry,
  findModelMapping,
} from '../../src/mapping/index.js';
import type { IntegrationManifest } from '../../src/manifest/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const registry = join(root, 'registry');
const fixtures = join(root, 'test', 'fixtures', 'payloads');
const MAX_MANIFEST_BYTES = 1024 * 1024;
const KNOWN_PLUGINS = new Set([
  'minor-units-to-decimal',
  'split-full-name',
  'email-domain',
  'html-to-text',
]);

// ajv-formats is CommonJS with a default export; under NodeNext its namespace may wrap it.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type Json = Record<string, unknown>;
const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
  });
  addFormats(ajv);
  ajv.addKeyword('x-secret');
  ajv.addKeyword('x-renamedFrom');
  return ajv;
}

const ajv = newAjv();
ajv.addSchema(readJson(join(root, 'schemas', 'manifest-common.schema.json')));
const validators = {
  integration: ajv.compile(readJson(join(root, 'schemas', 'integration-manifest.schema.json'))),
  template: ajv.compile(readJson(join(root, 'schemas', 'template-manifest.schema.json'))),
};

interface Bundled {
  kind: 'integration' | 'template';
  folder: string;
  file: string;
  manifest: Json;
}

function listManifests(): Bundled[] {
  const out: Bundled[] = [];
  for (const [kind, dir] of [
    ['integration', 'integrations'],
    ['template', 'templates'],
  ] as const) {
    const base = join(registry, dir);
    if (!existsSync(base)) continue;
    for (const folder of readdirSync(base).sort()) {
      const file = join(base, folder, 'manifest.json');
      if (existsSync(file)) out.push({ kind, folder, file, manifest: readJson(file) });
    }
  }
  return out;
}

const manifests = listManifests();
const integrations = manifests.filter((m) => m.kind === 'integration');

/** Every source path a field mapping uses, with a JSON pointer-ish location for messages. */
function collectPaths(fields: Json, at: string, out: Array<{ at: string; path: string }>): void {
  for (const [key, raw] of Object.entries(fields)) {
    const field = raw as Json;
    const here = `${at}.${key}`;
    if (typeof field.source === 'string') out.push({ at: `${here}.source`, path: field.source });
    const concat = field.concat as { sources?: string[] } | undefined;
    for (const s of concat?.sources ?? []) out.push({ at: `${here}.concat`, path: s });
    if (typeof field.template === 'string') {
      const placeholders = field.template.replace(/\{\{|\}\}/g, '').matchAll(/\{([^{}]+)\}/g);
      for (const m of placeholders) out.push({ at: `${here}.template`, path: m[1] ?? '' });
    }
    collectTransformPaths((field.transforms as Json[] | undefined) ?? [], here, out);
  }
}

function collectTransformPaths(
  chain: Json[],
  at: string,
  out: Array<{ at: string; path: string }>,
): void {
  chain.forEach((t, i) => {
    const here = `${at}.transforms[${i}]`;
    if (t.if) {
      const c = t.if as Json;
      if (typeof c.path === 'string') out.push({ at: `${here}.if.path`, path: c.path });
      collectTransformPaths((t.then as Json[] | undefined) ?? [], `${here}.then`, out);
      collectTransformPaths((t.else as Json[] | undefined) ?? [], `${here}.else`, out);
    }
    if (t.select) {
      const s = t.select as { where: Json; pick?: string };
      if (typeof s.where.path === 'string')
        out.push({ at: `${here}.select.where.path`, path: s.where.path });
      if (s.pick) out.push({ at: `${here}.select.pick`, path: s.pick });
    }
    if (t.each) collectTransformPaths(t.each as Json[], `${here}.each`, out);
    if (t.mapEach) collectPaths(t.mapEach as Json, `${here}.mapEach`, out);
    if (t.plugin) {
      const options = (t.options ?? {}) as Json;
      if (typeof options.currencyPath === 'string')
        out.push({ at: `${here}.options.currencyPath`, path: options.currencyPath });
    }
  });
}

function collectPlugins(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => collectPlugins(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Json;
    if (typeof o.plugin === 'string') out.add(o.plugin);
    Object.values(o).forEach((v) => collectPlugins(v, out));
  }
}

interface AttributeLike {
  key: string;
  dataType: string;
  references?: string;
  required?: boolean;
}
interface EntityTypeLike {
  key: string;
  readonly?: boolean;
  primaryKey?: string;
  attributes: AttributeLike[];
}

describe('bundled registry', () => {
  it('has the bundled integrations and templates', () => {
    expect(integrations.map((m) => m.folder)).toEqual(
      expect.arrayContaining([
        'hubspot',
        'salesforce',
        'stripe',
        'zendesk',
        'intercom',
        'gmail',
        'office365-mail',
        'wealthos',
        'threema',
        'telegram',
        'slack',
        'discord',
      ]),
    );
    expect(manifests.filter((m) => m.kind === 'template').map((m) => m.folder)).toEqual(
      expect.arrayContaining(['saas-startup', 'dtc-ecommerce', 'service-business']),
    );
  });

  describe.each(manifests.map((m) => [`${m.kind}s/${m.folder}`, m] as const))(
    '%s',
    (_name, bundled) => {
      const { manifest, kind, folder, file } = bundled;
      const entityTypes = manifest.entityTypes as EntityTypeLike[];
      const entityKeys = new Set(entityTypes.map((e) => e.key));

      it('is valid against its JSON Schema', () => {
        const validate = validators[kind];
        const ok = validate(manifest);
        expect(
          ok
            ? []
            : validate.errors?.map(
                (e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
              ),
        ).toEqual([]);
      });

      it('lives in a folder named after its key, with the matching kind and $schema', () => {
        expect(manifest.key).toBe(folder);
        expect(manifest.kind).toBe(kind);
        // The bundled registry is kept at the current format (regsync upgrade --check in CI).
        expect(manifest.manifestVersion).toBe(CURRENT_MANIFEST_VERSION);
        expect(manifest.$schema).toBe(`../../../schemas/${kind}-manifest.schema.json`);
        expect(statSync(file).size).toBeLessThan(MAX_MANIFEST_BYTES);
      });

      it('explains every entity type, attribute and relationship to people and semantic layers', () => {
        // The bundled registry is the example contributors copy: hold it to the review checklist.
        const problems: string[] = [];
        type Semantic = { definition?: string; classifications?: string[] } | undefined;
        for (const et of entityTypes as Array<EntityTypeLike & { semantic?: Semantic }>) {
          if (!et.semantic?.definition) problems.push(`${et.key}: no semantic.definition`);
          for (const a of et.attributes as Array<AttributeLike & { semantic?: Semantic }>) {
            if (!a.semantic?.definition)
              problems.push(`${et.key}.${a.key}: no semantic.definition`);
            if (!a.semantic?.classifications?.length)
              problems.push(`${et.key}.${a.key}: no classifications`);
          }
        }
        for (const r of (manifest.relationships ?? []) as Array<{
          key: string;
          semantic?: Semantic;
        }>) {
          if (!r.semantic?.definition)
            problems.push(`relationship ${r.key}: no semantic.definition`);
        }
        if (kind === 'template') {
          const questions = (manifest.exampleQuestions ?? []) as unknown[];
          if (questions.length < 6 || questions.length > 10)
            problems.push(`${questions.length} example questions; write 6 to 10`);
        }
        expect(problems).toEqual([]);
      });

      it('has unique keys and references that resolve', () => {
        const problems: string[] = [];
        if (entityKeys.size !== entityTypes.length) problems.push('duplicate entity type keys');
        for (const et of entityTypes) {
          const attrKeys = et.attributes.map((a) => a.key);
          if (new Set(attrKeys).size !== attrKeys.length)
            problems.push(`${et.key}: duplicate attribute keys`);
          if (et.primaryKey && !attrKeys.includes(et.primaryKey))
            problems.push(`${et.key}: primaryKey ${et.primaryKey} is not an attribute`);
          if (kind === 'integration' && et.readonly !== true)
            problems.push(`${et.key}: integration entity types must be readonly`);
          if (kind === 'template' && et.readonly)
            problems.push(`${et.key}: template entity types are editable`);
          for (const a of et.attributes) {
            if (a.references && !entityKeys.has(a.references))
              problems.push(`${et.key}.${a.key}: references unknown ${a.references}`);
          }
        }
        const rels = (manifest.relationships ?? []) as Array<{
          key: string;
          from: string;
          to: string;
          via?: string;
        }>;
        if (new Set(rels.map((r) => r.key)).size !== rels.length)
          problems.push('duplicate relationship keys');
        for (const r of rels) {
          if (!entityKeys.has(r.from))
            problems.push(`relationship ${r.key}: unknown from ${r.from}`);
          if (!entityKeys.has(r.to)) problems.push(`relationship ${r.key}: unknown to ${r.to}`);
          const from = entityTypes.find((e) => e.key === r.from);
          const via = r.via ? from?.attributes.find((a) => a.key === r.via) : undefined;
          if (r.via && !via)
            problems.push(`relationship ${r.key}: via ${r.via} is not an attribute of ${r.from}`);
          if (via && via.references !== r.to)
            problems.push(`relationship ${r.key}: via ${r.via} does not reference ${r.to}`);
        }
        for (const q of (manifest.exampleQuestions ?? []) as Array<{
          question: string;
          entityTypes: string[];
        }>) {
          for (const e of q.entityTypes)
            if (!entityKeys.has(e))
              problems.push(`question "${q.question}": unknown entity type ${e}`);
        }
        expect(problems).toEqual([]);
      });

      if (kind !== 'integration') return;
      const integration = manifest.integration as {
        models: Array<{ key: string; entityType: string }>;
        connectionConfig: Json;
      };
      const mappings = (manifest.mappings ?? []) as Array<{
        model: string;
        entityType: string;
        fields: Json;
      }>;

      it('parses every mapping path with parseSourcePath', () => {
        const paths: Array<{ at: string; path: string }> = [];
        mappings.forEach((m, i) => collectPaths(m.fields, `mappings[${i}](${m.model})`, paths));
        expect(paths.length).toBeGreaterThan(0);
        const bad = paths.flatMap(({ at, path }) => {
          const r = parseSourcePath(path);
          return r.ok ? [] : [`${at}: ${path}: ${r.rule} ${r.message}`];
        });
        expect(bad).toEqual([]);
      });

      it('maps models onto declared entity types and attributes, with registered plugins only', () => {
        const problems: string[] = [];
        const modelKeys = integration.models.map((m) => m.key);
        for (const m of integration.models)
          if (!entityKeys.has(m.entityType))
            problems.push(`model ${m.key}: unknown entity type ${m.entityType}`);
        for (const mm of mappings) {
          const model = integration.models.find((m) => m.key === mm.model);
          if (!model) problems.push(`mapping for unknown model ${mm.model}`);
          else if (model.entityType !== mm.entityType)
            problems.push(
              `mapping ${mm.model}: entity type ${mm.entityType} differs from the model's ${model.entityType}`,
            );
          const et = entityTypes.find((e) => e.key === mm.entityType);
          for (const field of Object.keys(mm.fields)) {
            if (!et?.attributes.some((a) => a.key === field))
              problems.push(
                `mapping ${mm.model}: ${field} is not an attribute of ${mm.entityType}`,
              );
          }
          for (const a of et?.attributes ?? [])
            if (a.required && !(a.key in mm.fields))
              problems.push(`mapping ${mm.model}: required ${a.key} is not mapped`);
        }
        for (const key of modelKeys)
          if (!mappings.some((m) => m.model === key)) problems.push(`model ${key} has no mapping`);
        const plugins = new Set<string>();
        collectPlugins(mappings, plugins);
        for (const p of plugins)
          if (!KNOWN_PLUGINS.has(p)) problems.push(`plugin ${p} is not one the service registers`);
        expect(problems).toEqual([]);
      });

      it('has a connection config (and operator settings) that are valid JSON Schemas, documented and with secrets marked', () => {
        const schemas = [
          integration.connectionConfig,
          (integration as { operatorSettings?: Json }).operatorSettings,
        ].filter((s) => s !== undefined) as Array<{
          properties: Record<string, Json>;
          required?: string[];
        }>;
        const problems: string[] = [];
        for (const config of schemas) {
          expect(() => newAjv().compile(config)).not.toThrow();
          for (const [key, prop] of Object.entries(config.properties)) {
            if (typeof prop.title !== 'string' || typeof prop.description !== 'string')
              problems.push(`${key}: needs title and description`);
            const secretish = /(secret|token|password|apikey|privatekey|webhookurl)$/i.test(
              key.replace(/_/g, ''),
            );
            if (secretish && prop['x-secret'] !== true)
              problems.push(`${key}: looks secret but lacks "x-secret": true`);
          }
          for (const r of config.required ?? [])
            if (!(r in config.properties)) problems.push(`required ${r} is not a property`);
        }
        expect(problems).toEqual([]);
      });

      it('has a payload fixture and an expectation for every model', () => {
        const dir = join(fixtures, folder);
        const problems: string[] = [];
        for (const m of integration.models) {
          const payload = join(dir, `${m.key}.json`);
          const expected = join(dir, `${m.key}.expected.json`);
          if (!existsSync(payload) || !existsSync(expected)) {
            problems.push(`${m.key}: missing ${existsSync(payload) ? expected : payload}`);
            continue;
          }
          const records = JSON.parse(readFileSync(payload, 'utf8')) as unknown;
          const outputs = JSON.parse(readFileSync(expected, 'utf8')) as unknown;
          if (
            !Array.isArray(records) ||
            !Array.isArray(outputs) ||
            records.length !== outputs.length ||
            records.length === 0
          ) {
            problems.push(
              `${m.key}: payload and expectation must be non-empty arrays of the same length`,
            );
          }
        }
        expect(problems).toEqual([]);
      });

      it('maps every payload fixture to its expectation, strictly and without findings', () => {
        const plugins = defaultPluginRegistry();
        const dir = join(fixtures, folder);
        const mismatches: string[] = [];
        for (const m of integration.models) {
          const payload = join(dir, `${m.key}.json`);
          const expected = join(dir, `${m.key}.expected.json`);
          if (!existsSync(payload) || !existsSync(expected)) continue; // reported by the test above
          const found = findModelMapping(manifest as unknown as IntegrationManifest, m.key);
          if (!found.ok) {
            mismatches.push(found.message);
            continue;
          }
          const compiled = compileMapping(found.mapping, found.entityType, { plugins });
          for (const w of compiled.warnings)
            mismatches.push(`${m.key}: compile warning ${w.rule} on ${w.attribute}: ${w.message}`);
          const records = JSON.parse(readFileSync(payload, 'utf8')) as unknown[];
          const outputs = JSON.parse(readFileSync(expected, 'utf8')) as unknown[];
          records.forEach((record, i) => {
            const result = applyMapping(compiled, record, { mode: 'strict' });
            for (const f of result.findings)
              mismatches.push(`${m.key}[${i}].${f.attribute}: ${f.rule} ${f.message}`);
            const got = JSON.parse(JSON.stringify(result.attributes)) as unknown;
            if (!isDeepStrictEqual(got, outputs[i])) {
              mismatches.push(
                `${m.key}[${i}]: got ${JSON.stringify(got)}, expected ${JSON.stringify(outputs[i])}`,
              );
            }
          });
        }
        expect(mismatches).toEqual([]);
      });
    },
  );
});
