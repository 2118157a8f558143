/**
 * The document says what a request may carry, and the service refuses the rest, because both
 * come from the same objects (validateQuery.ts for queries, validateBody.ts for bodies):
 * - every operation that documents a 400 answer refuses an undocumented query parameter
 *   with 400 problem+json INVALID_QUERY naming `/query/<name>`;
 * - every operation whose JSON request body schema says `additionalProperties: false`
 *   refuses an undocumented member with 400 problem+json VALIDATION_FAILED naming its JSON
 *   pointer and the rule `additionalProperties`, at the top and in nested closed objects.
 * The operations are read from the served document, so a new operation is covered at once.
 * The checks happen at the HTTP edge before any storage is touched, so PGlite alone serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  PROXY_SECRET,
  startUserDataService,
  type UserDataHarness,
} from '../connections/userDataService.js';

type Json = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const UNKNOWN = 'undocumentedField';

interface Operation {
  method: string;
  template: string;
  operation: Json;
}

describe('undocumented input is refused where the document closes it', () => {
  let h: UserDataHarness;
  let doc: Json;
  /** Real values for every path parameter, by name (a workspace and a connection of alice). */
  const values: Record<string, string> = {
    userId: 'alice',
    key: 'saas-startup',
    model: 'contact',
  };

  beforeAll(async () => {
    h = await startUserDataService('pglite');
    doc = (await (await fetch(`${h.url}/openapi.json`)).json()) as Json;
    const workspace = (await (
      await h.as('alice', '/api/v1/workspaces', { method: 'POST', body: { name: 'Acme' } })
    ).json()) as { id: string };
    const installed = (await (
      await h.as('alice', `/api/v1/workspaces/${workspace.id}/templates`, {
        method: 'POST',
        body: { template: 'saas-startup' },
      })
    ).json()) as { entityTypes: Array<{ key: string; attributes: Array<{ key: string }> }> };
    const type = installed.entityTypes[0];
    values.workspace = workspace.id;
    values.type = type?.key ?? 'x';
    values.attribute = type?.attributes[0]?.key ?? 'x';
    const runs = (await (await fetch(`${h.url}/api/v1/sync/runs`)).json()) as {
      items: Array<{ id: string }>;
    };
    values.run = runs.items[0]?.id ?? '';
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const operations = (): Operation[] =>
    Object.entries(doc.paths as Record<string, Json>).flatMap(([template, item]) =>
      METHODS.filter((m) => item[m] !== undefined).map((method) => ({
        method,
        template,
        operation: item[method] as Json,
      })),
    );

  /** The template with real values (ids of the right kind for the route it is in). */
  const pathOf = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'id' && template.startsWith('/api/v1/workspaces')) return values.workspace!;
      if (name === 'id' && template.startsWith('/api/v1/sync')) return values.run!;
      if (name === 'id') return '00000000-0000-4000-8000-000000000000';
      if (name === 'key' && template.startsWith('/api/v1/integrations')) return 'hubspot';
      return encodeURIComponent(values[name] ?? name);
    });

  /** A request with every credential the service knows, so that only the input is judged. */
  const send = (method: string, path: string, body?: unknown) =>
    h.as('alice', path, {
      method: method.toUpperCase(),
      ...(body !== undefined ? { body } : {}),
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'X-Regsync-Proxy-Secret': PROXY_SECRET },
    });

  const resolve = (value: unknown): Json => {
    let current = value as Json;
    while (typeof current?.$ref === 'string')
      current = (current.$ref as string)
        .slice(2)
        .split('/')
        .reduce<Json>((at, part) => at[part] as Json, doc);
    return current;
  };
  const bodySchema = (operation: Json): Json | undefined => {
    const body = operation.requestBody ? resolve(operation.requestBody) : undefined;
    const media = (body?.content as Json | undefined)?.['application/json'] as Json | undefined;
    return media ? resolve(media.schema) : undefined;
  };

  it('an undocumented query parameter, on every operation that documents a 400', async () => {
    const checked: string[] = [];
    const failures: string[] = [];
    for (const { method, template, operation } of operations()) {
      if (!(operation.responses as Json)['400']) continue;
      const res = await send(
        method,
        `${pathOf(template)}?${UNKNOWN}=1`,
        operation.requestBody ? {} : undefined,
      );
      const body = (await res.json()) as { code?: string; errors?: Json[] };
      const label = `${method.toUpperCase()} ${template}`;
      checked.push(label);
      if (
        res.status !== 400 ||
        !res.headers.get('content-type')?.startsWith('application/problem+json') ||
        body.code !== 'INVALID_QUERY' ||
        !body.errors?.some((e) => e.pointer === `/query/${UNKNOWN}` && e.rule === 'unknown')
      )
        failures.push(`${label}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(checked.length).toBeGreaterThan(30);
  });

  it('an undocumented body member, on every operation whose body schema is closed', async () => {
    const checked: string[] = [];
    const failures: string[] = [];
    for (const { method, template, operation } of operations()) {
      const schema = bodySchema(operation);
      if (schema?.additionalProperties !== false) continue;
      const res = await send(method, pathOf(template), { [UNKNOWN]: true });
      const body = (await res.json()) as { code?: string; errors?: Json[] };
      const label = `${method.toUpperCase()} ${template}`;
      checked.push(label);
      if (
        res.status !== 400 ||
        !res.headers.get('content-type')?.startsWith('application/problem+json') ||
        body.code !== 'VALIDATION_FAILED' ||
        !body.errors?.some((e) => e.pointer === `/${UNKNOWN}` && e.rule === 'additionalProperties')
      )
        failures.push(`${label}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toEqual(
      expect.arrayContaining([
        'POST /api/v1/users/{userId}/connections',
        'POST /api/v1/workspaces',
        'POST /api/v1/integrations/{key}/models/{model}/map',
      ]),
    );
  });

  it('an undocumented member of a nested closed object names its full pointer', async () => {
    const res = await send(
      'post',
      `/api/v1/workspaces/${values.workspace}/templates/saas-startup/upgrade`,
      {
        resolve: [{ element: 'attribute', key: 'x', take: 'ours', [UNKNOWN]: 1 }],
      },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; errors: Json[]; detail: string };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toContainEqual(
      expect.objectContaining({ pointer: `/resolve/0/${UNKNOWN}`, rule: 'additionalProperties' }),
    );
    expect(body.detail).toContain(`/resolve/0/${UNKNOWN}`);
  });

  it('a documented body and query are accepted (the refusals are about the unknown name)', async () => {
    const res = await send('post', '/api/v1/integrations/hubspot/models/contact/map', {
      records: [{ id: '1', properties: { email: 'a@b.de' } }],
    });
    expect(res.status).toBe(200);
    const list = await send('get', '/api/v1/integrations?limit=1');
    expect(list.status).toBe(200);
  });
});
