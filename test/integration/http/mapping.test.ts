/**
 * POST /integrations/:key/models/:model/map against the real bundled HubSpot mapping:
 * strict and lenient batches, the compiled-mapping cache, and the request errors.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedMappingService } from '../../../src/http/adapters/CachedMappingService.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { createRegistryRepo, startService, type Service } from './service.js';

const MAP = '/api/v1/integrations/hubspot/models/contact/map';

function post(
  service: Service,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return service.fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface MapAnswer {
  mode: string;
  entityType: string;
  checksum: string;
  results: Array<{
    index: number;
    ok: boolean;
    attributes: Record<string, unknown>;
    findings: Array<{ attribute: string; rule: string; severity: string }>;
  }>;
  counts: { records: number; ok: number; failed: number; warnings: number; errors: number };
}

describe('mapping over HTTP', () => {
  let repo: TestRepo;
  let service: Service;
  let contacts: unknown[];
  let expected: unknown[];

  beforeAll(async () => {
    contacts = JSON.parse(
      await readFile('test/fixtures/payloads/hubspot/contact.json', 'utf8'),
    ) as unknown[];
    expected = JSON.parse(
      await readFile('test/fixtures/payloads/hubspot/contact.expected.json', 'utf8'),
    ) as unknown[];
    repo = await createRegistryRepo();
    service = await startService({ driver: 'pglite', repo });
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('maps a batch of real HubSpot contacts to the documented attributes', async () => {
    const res = await post(service, MAP, { records: contacts });
    expect(res.status).toBe(200);
    const body = (await res.json()) as MapAnswer;
    expect(body.mode).toBe('lenient');
    expect(body.entityType).toBe('contact');
    expect(body.results.map((r) => r.index)).toEqual(contacts.map((_, i) => i));
    expect(body.results.map((r) => r.attributes)).toEqual(expected);
    expect(body.counts).toMatchObject({ records: contacts.length, ok: contacts.length, failed: 0 });
  });

  it('strict mode fails a record with an error finding; lenient keeps it with warnings', async () => {
    const bad = { id: 'not-a-number', properties: { email: 'nobody' } };
    const strict = (await (
      await post(service, MAP, { records: [contacts[0], bad], mode: 'strict' })
    ).json()) as MapAnswer;
    expect(strict.results[0]?.ok).toBe(true);
    expect(strict.results[1]?.ok).toBe(false);
    expect(
      strict.results[1]?.findings.some((f) => f.severity === 'error' && f.attribute === 'id'),
    ).toBe(true);
    expect(strict.counts).toMatchObject({ records: 2, ok: 1, failed: 1 });
    expect(strict.counts.errors).toBeGreaterThan(0);

    // Lenient drops a bad optional value with a warning...
    const lenient = (await (
      await post(service, MAP, {
        records: [{ id: '51', createdAt: '2024-01-02T03:04:05Z', properties: { email: 'nobody' } }],
        mode: 'lenient',
      })
    ).json()) as MapAnswer;
    expect(lenient.results[0]?.ok).toBe(true);
    expect(lenient.results[0]?.attributes).toMatchObject({ id: '51' });
    expect(lenient.results[0]?.attributes).not.toHaveProperty('email');
    expect(lenient.results[0]?.findings.length).toBeGreaterThan(0);
    expect(lenient.results[0]?.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(lenient.counts).toMatchObject({ ok: 1, failed: 0, errors: 0 });
    // ...but never passes a record without its primary key (docs/manifest-format.md).
    const keyless = (await (
      await post(service, MAP, { records: [bad], mode: 'lenient' })
    ).json()) as MapAnswer;
    expect(keyless.results[0]?.ok).toBe(false);
    expect(keyless.counts).toMatchObject({ ok: 0, failed: 1 });
  });

  it('compiles a mapping once per checksum and model', async () => {
    const mapping = service.http.deps.mapping as CachedMappingService;
    const mapDeal = async (id: string) => {
      const res = await post(service, '/api/v1/integrations/hubspot/models/deal/map', {
        records: [{ id }],
      });
      expect(res.status).toBe(200);
    };
    mapping.clear();
    const start = mapping.compilations;
    await mapDeal('1');
    expect(mapping.compilations).toBe(start + 1);
    // The same checksum and model again: served from the cache, nothing compiled.
    await mapDeal('2');
    await mapDeal('3');
    expect(mapping.compilations).toBe(start + 1);
    // Another model of the same definition is another entry.
    await post(service, MAP, { records: [{ id: '4' }] });
    expect(mapping.compilations).toBe(start + 2);
    // A cleared cache (the catalog changed) compiles again.
    mapping.clear();
    await mapDeal('5');
    expect(mapping.compilations).toBe(start + 3);
  });

  it('counts mapped records in /metrics', async () => {
    const text = await (await service.fetch('/metrics')).text();
    expect(text).toMatch(
      /regsync_records_mapped_total\{integration="hubspot",model="contact",outcome="ok"\} \d+/,
    );
    // Failed so far: the strict bad record, the keyless lenient one, and the id-only contact of
    // the cache test (no createdAt, a required attribute).
    expect(text).toMatch(
      /regsync_records_mapped_total\{integration="hubspot",model="contact",outcome="failed"\} 3/,
    );
  });

  it('refuses bodies that break the schema with every problem listed', async () => {
    const res = await post(service, MAP, { records: [1, { a: 1 }], mode: 'fast', extra: true });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as {
      code: string;
      errors: Array<{ pointer: string; rule: string; message: string }>;
    };
    expect(problem.code).toBe('VALIDATION_FAILED');
    const pointers = problem.errors.map((e) => `${e.pointer} ${e.rule}`);
    expect(pointers).toEqual(
      expect.arrayContaining(['/records/0 type', '/mode enum', '/extra additionalProperties']),
    );
    const empty = await post(service, MAP, { records: [] });
    expect(((await empty.json()) as { errors: Array<{ rule: string }> }).errors[0]?.rule).toBe(
      'minItems',
    );
    const missing = (await (await post(service, MAP, {})).json()) as {
      errors: Array<{ pointer: string; rule: string }>;
    };
    expect(missing.errors).toEqual([
      expect.objectContaining({ pointer: '/records', rule: 'required' }),
    ]);
  });

  it('refuses malformed JSON (400), deep JSON (400), a large body (413) and a wrong content type (415)', async () => {
    const malformed = await post(service, MAP, '{"records": [');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      code: 'MALFORMED_JSON',
      status: 400,
      title: 'Malformed JSON',
      instance: MAP,
    });

    const deep = await post(service, MAP, `{"records":[${'['.repeat(5000)}${']'.repeat(5000)}]}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { code: string }).code).toBe('JSON_TOO_DEEP');
    // Deep but malformed is still refused for depth, before any parse.
    const hostile = await post(service, MAP, '['.repeat(200_000));
    expect(((await hostile.json()) as { code: string }).code).toBe('JSON_TOO_DEEP');

    const large = await post(service, MAP, { records: [{ blob: 'x'.repeat(300 * 1024) }] });
    expect(large.status).toBe(413);
    expect(((await large.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');

    const text = await service.fetch(MAP, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { code: string }).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const none = await service.fetch(MAP, { method: 'POST', body: new Uint8Array([123, 125]) });
    expect(none.status).toBe(415);
  });

  it('answers 404 for an unknown integration, model or mapping', async () => {
    const unknown = await post(service, '/api/v1/integrations/nope/models/contact/map', {
      records: [{}],
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('NOT_FOUND');
    const model = await post(service, '/api/v1/integrations/hubspot/models/ticket/map', {
      records: [{}],
    });
    expect(model.status).toBe(404);
    expect(((await model.json()) as { detail: string }).detail).toMatch(/no model "ticket"/);
  });
});
