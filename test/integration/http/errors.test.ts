/**
 * Error responses and request hygiene: problem+json bodies with their codes, admin auth,
 * unknown routes and keys, readonly integration entity types, query validation, request
 * ids in responses and in every log line, and logs without bodies or credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { ADMIN_TOKEN, createRegistryRepo, startService, type Service } from './service.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: Array<{ pointer: string; rule: string; message: string }>;
}

async function problem(res: Response, status: number, code: string): Promise<ProblemBody> {
  const body = (await res.json()) as ProblemBody;
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(body).toMatchObject({
    status,
    code,
    type: `urn:regsync:problem:${code.toLowerCase().replace(/_/g, '-')}`,
  });
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.detail.length).toBeGreaterThan(0);
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  return body;
}

describe('errors and request hygiene', () => {
  let repo: TestRepo;
  let service: Service;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({ driver: 'postgresql', repo });
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('unknown route: 404 ROUTE_NOT_FOUND with the path as instance', async () => {
    const body = await problem(
      await service.fetch('/api/v1/nothing-here?x=1'),
      404,
      'ROUTE_NOT_FOUND',
    );
    expect(body.instance).toBe('/api/v1/nothing-here');
    await problem(await service.fetch('/api/v2/integrations'), 404, 'ROUTE_NOT_FOUND');
  });

  it('a documented path with another method: 405 with Allow', async () => {
    const sync = await service.fetch('/api/v1/sync', { method: 'DELETE' });
    expect(sync.headers.get('allow')).toBe('GET, POST, HEAD');
    await problem(sync, 405, 'METHOD_NOT_ALLOWED');
    const hook = await service.fetch('/api/v1/webhooks/github');
    expect(hook.headers.get('allow')).toBe('POST');
    await problem(hook, 405, 'METHOD_NOT_ALLOWED');
    await problem(
      await service.fetch('/api/v1/templates/saas-startup', { method: 'DELETE' }),
      405,
      'METHOD_NOT_ALLOWED',
    );
  });

  it('unknown key: 404 NOT_FOUND, also for keys that cannot exist', async () => {
    await problem(await service.fetch('/api/v1/integrations/does-not-exist'), 404, 'NOT_FOUND');
    await problem(await service.fetch('/api/v1/integrations/NOT..valid'), 404, 'NOT_FOUND');
    await problem(await service.fetch('/api/v1/templates/nope'), 404, 'NOT_FOUND');
    await problem(
      await service.fetch('/api/v1/sync/runs/00000000-0000-4000-8000-000000000000'),
      404,
      'NOT_FOUND',
    );
    await problem(await service.fetch('/api/v1/sync/runs/not-a-uuid'), 404, 'NOT_FOUND');
  });

  it('admin calls: 401 with WWW-Authenticate: Bearer for a missing or wrong token', async () => {
    const missing = await service.fetch('/api/v1/sync', { method: 'POST' });
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="regsync"');
    await problem(missing, 401, 'UNAUTHORIZED');
    const wrong = await service.fetch('/api/v1/sync', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}x` },
    });
    expect(wrong.headers.get('www-authenticate')).toBe(
      'Bearer realm="regsync", error="invalid_token"',
    );
    await problem(wrong, 401, 'UNAUTHORIZED');
    const basic = await service.fetch('/api/v1/sync', {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`a:${ADMIN_TOKEN}`).toString('base64')}` },
    });
    await problem(basic, 401, 'UNAUTHORIZED');
    const bad = await service.fetch('/api/v1/sync?force=maybe', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const body = await problem(bad, 400, 'INVALID_QUERY');
    expect(body.errors).toEqual([
      { pointer: '/query/force', rule: 'enum', message: 'force must be true or false' },
    ]);
  });

  it('writes to integration entity types are refused: 405, readonly, templates are the editable path', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await service.fetch('/api/v1/integrations/hubspot/entity-types/contact', {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: method === 'DELETE' ? undefined : JSON.stringify({ displayName: 'Person' }),
      });
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      const body = await problem(res, 405, 'READONLY_ENTITY_TYPE');
      expect(body.detail).toMatch(/readonly/);
      expect(body.detail).toMatch(/templates are the editable path/);
    }
    await problem(
      await service.fetch('/api/v1/integrations/hubspot/entity-types', { method: 'POST' }),
      405,
      'READONLY_ENTITY_TYPE',
    );
    await problem(
      await service.fetch('/api/v1/integrations/hubspot', { method: 'DELETE' }),
      405,
      'READONLY_DEFINITION',
    );
  });

  it('invalid query parameters: 400 INVALID_QUERY listing each one', async () => {
    const body = await problem(
      await service.fetch('/api/v1/integrations?limit=0&category=crm&tag=Bad%20Tag&cursor=%21%21'),
      400,
      'INVALID_QUERY',
    );
    expect(body.errors?.map((e) => e.pointer).sort()).toEqual([
      '/query/category',
      '/query/cursor',
      '/query/limit',
      '/query/tag',
    ]);
    const forged = await problem(
      await service.fetch('/api/v1/integrations?cursor=bm90LWEtY3Vyc29y'),
      400,
      'INVALID_QUERY',
    );
    expect(forged.errors?.[0]?.pointer).toBe('/query/cursor');
    await problem(
      await service.fetch('/api/v1/integrations?limit=1&limit=2'),
      400,
      'INVALID_QUERY',
    );
    await problem(
      await service.fetch('/api/v1/entity-types?integration=a&template=b'),
      400,
      'INVALID_QUERY',
    );
    await problem(await service.fetch('/api/v1/sync/runs?limit=1000'), 400, 'INVALID_QUERY');
    await problem(await service.fetch('/api/v1/manifests?state=broken'), 400, 'INVALID_QUERY');
  });

  it('keeps a sane X-Request-Id, replaces an insane one, and logs every line of a request with it', async () => {
    const kept = await service.fetch('/api/v1/integrations/stripe', {
      headers: { 'X-Request-Id': 'trace-abc.123' },
    });
    expect(kept.headers.get('x-request-id')).toBe('trace-abc.123');
    const replaced = await service.fetch('/healthz', {
      headers: { 'X-Request-Id': 'x'.repeat(300) },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await service.fetch('/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const access = service.logs.find((l) => l.reqId === 'trace-abc.123' && l.msg === 'request');
    expect(access).toMatchObject({
      method: 'GET',
      path: '/api/v1/integrations/stripe',
      route: '/api/v1/integrations/:key',
      status: 200,
    });
    expect(typeof access?.durationMs).toBe('number');
  });

  it('never logs bodies or credentials', async () => {
    const secretish = 'body-secret-value-4242';
    await service.fetch('/api/v1/integrations/hubspot/models/contact/map', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${ADMIN_TOKEN}`,
        'X-Request-Id': 'no-leak-1',
      },
      body: JSON.stringify({ records: [{ id: '1', properties: { email: secretish } }] }),
    });
    await service.fetch('/api/v1/sync', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'X-Request-Id': 'no-leak-2' },
    });
    const text = JSON.stringify(service.logs);
    expect(text).not.toContain(secretish);
    expect(text).not.toContain(ADMIN_TOKEN);
    expect(service.logs.filter((l) => l.reqId === 'no-leak-1').length).toBeGreaterThan(0);
    await service.http.sync.start({ trigger: 'manual' }).done;
  });
});
