/**
 * /openapi.json against reality: real responses of every documented operation are
 * validated with ajv (draft 2020-12) against the schema the document gives for their
 * status and content type, and every operation of the document is exercised.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../helpers/gitRepos.js';
import {
  ADMIN_TOKEN,
  createRegistryRepo,
  deliver,
  pushPayload,
  startService,
  type Service,
} from './service.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

interface OpenApiDoc {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
}

interface Exchange {
  method: string;
  template: string;
  status: number;
  contentType: string;
  body: unknown;
}

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'];

describe('OpenAPI document', () => {
  let repo: TestRepo;
  let service: Service;
  let doc: OpenApiDoc;
  const exchanges: Exchange[] = [];

  async function call(
    method: string,
    template: string,
    path: string,
    init: RequestInit = {},
  ): Promise<Exchange> {
    const res = await service.fetch(path, { ...init, method });
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0] ?? '';
    const text = await res.text();
    const body = contentType.endsWith('json') && text ? (JSON.parse(text) as unknown) : text;
    const exchange = {
      method: method.toLowerCase(),
      template,
      status: res.status,
      contentType,
      body,
    };
    exchanges.push(exchange);
    return exchange;
  }
  const json = (body: unknown): RequestInit => ({
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({ driver: 'pglite', repo, startupSync: false });
    await call('GET', '/readyz', '/readyz');
    await service.http.startupSync().done;
    doc = (await call('GET', '/openapi.json', '/openapi.json')).body as OpenApiDoc;

    await call('GET', '/healthz', '/healthz');
    await call('GET', '/readyz', '/readyz');
    await call('GET', '/metrics', '/metrics');

    const I = '/api/v1/integrations';
    await call('GET', I, `${I}?limit=2`);
    await call('GET', I, `${I}?category=notification-channel&tag=chat&q=a`);
    await call('GET', I, `${I}?limit=-1`);
    await call('GET', `${I}/{key}`, `${I}/hubspot`);
    await call('GET', `${I}/{key}`, `${I}/nope`);
    for (const m of ['PUT', 'PATCH', 'DELETE']) await call(m, `${I}/{key}`, `${I}/hubspot`);
    await call('GET', `${I}/{key}/entity-types`, `${I}/stripe/entity-types`);
    await call('GET', `${I}/{key}/entity-types`, `${I}/nope/entity-types`);
    await call('POST', `${I}/{key}/entity-types`, `${I}/stripe/entity-types`, json({ key: 'x' }));
    await call('GET', `${I}/{key}/entity-types/{type}`, `${I}/stripe/entity-types/customer`);
    await call('GET', `${I}/{key}/entity-types/{type}`, `${I}/stripe/entity-types/nope`);
    for (const m of ['PUT', 'PATCH', 'DELETE'])
      await call(
        m,
        `${I}/{key}/entity-types/{type}`,
        `${I}/stripe/entity-types/customer`,
        json({}),
      );
    const MAP = `${I}/{key}/models/{model}/map`;
    await call(
      'POST',
      MAP,
      `${I}/hubspot/models/contact/map`,
      json({
        records: [{ id: '1', properties: { email: 'a@b.de' } }, { id: 'x' }],
        mode: 'strict',
      }),
    );
    await call('POST', MAP, `${I}/hubspot/models/contact/map`, json({ records: 'no' }));
    await call('POST', MAP, `${I}/hubspot/models/contact/map`, {
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    });
    await call('POST', MAP, `${I}/hubspot/models/nope/map`, json({ records: [{}] }));
    await call(
      'POST',
      MAP,
      `${I}/hubspot/models/contact/map`,
      json({ records: [{ blob: 'x'.repeat(300_000) }] }),
    );
    await call('POST', MAP, `${I}/hubspot/models/contact/map`, {
      headers: { 'Content-Type': 'text/csv' },
      body: 'a,b',
    });

    const T = '/api/v1/templates';
    await call('GET', T, T);
    await call('GET', T, `${T}?limit=abc`);
    await call('GET', `${T}/{key}`, `${T}/saas-startup`);
    await call('GET', `${T}/{key}`, `${T}/nope`);
    await call('GET', `${T}/{key}/entity-types`, `${T}/saas-startup/entity-types`);
    await call('GET', `${T}/{key}/entity-types`, `${T}/nope/entity-types`);
    const first = (
      (exchanges.at(-2)?.body as { items: Array<{ key: string }> }).items[0] ?? { key: 'x' }
    ).key;
    await call('GET', `${T}/{key}/entity-types/{type}`, `${T}/saas-startup/entity-types/${first}`);
    await call('GET', `${T}/{key}/entity-types/{type}`, `${T}/saas-startup/entity-types/nope`);

    await call('GET', '/api/v1/entity-types', '/api/v1/entity-types?integration=slack');
    await call('GET', '/api/v1/entity-types', '/api/v1/entity-types?integration=a&template=b');
    await call('GET', '/api/v1/entity-types', '/api/v1/entity-types?template=nope');

    const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    const accepted = await call('POST', '/api/v1/sync', '/api/v1/sync', { headers: admin });
    await call('POST', '/api/v1/sync', '/api/v1/sync?force=1', { headers: admin });
    await call('POST', '/api/v1/sync', '/api/v1/sync');
    await service.waitForRun((accepted.body as { runId: string }).runId);
    await call('GET', '/api/v1/sync', '/api/v1/sync');
    await call('GET', '/api/v1/sync/runs', '/api/v1/sync/runs');
    await call('GET', '/api/v1/events', '/api/v1/events');
    await call('GET', '/api/v1/events', '/api/v1/events?after=1&limit=5');
    await call('GET', '/api/v1/events', '/api/v1/events?after=soon');
    await call('GET', '/api/v1/notifications/deliveries', '/api/v1/notifications/deliveries', {
      headers: admin,
    });
    await call('GET', '/api/v1/notifications/deliveries', '/api/v1/notifications/deliveries');
    await call('GET', '/api/v1/sync/runs', '/api/v1/sync/runs?limit=0');
    await call(
      'GET',
      '/api/v1/sync/runs/{id}',
      `/api/v1/sync/runs/${(accepted.body as { runId: string }).runId}`,
    );
    await call(
      'GET',
      '/api/v1/sync/runs/{id}',
      '/api/v1/sync/runs/00000000-0000-4000-8000-000000000000',
    );
    await call('GET', '/api/v1/manifests', '/api/v1/manifests');
    await call('GET', '/api/v1/manifests', '/api/v1/manifests?state=active');
    await call('GET', '/api/v1/manifests', '/api/v1/manifests?state=x');

    const W = '/api/v1/webhooks/github';
    const record = async (res: Response) => {
      const contentType = (res.headers.get('content-type') ?? '').split(';')[0] ?? '';
      exchanges.push({
        method: 'post',
        template: W,
        status: res.status,
        contentType,
        body: await res.json(),
      });
    };
    const delivery = crypto.randomUUID();
    await record(await deliver(service, { event: 'ping', body: '{"zen":"hi"}' }));
    await record(
      await deliver(service, {
        event: 'push',
        delivery,
        body: pushPayload({ after: await repo.head() }),
      }),
    );
    await record(
      await deliver(service, {
        event: 'push',
        delivery,
        body: pushPayload({ after: await repo.head() }),
      }),
    );
    await record(
      await deliver(service, {
        event: 'push',
        body: pushPayload({ ref: 'refs/heads/dev', after: 'd'.repeat(40) }),
      }),
    );
    await record(await deliver(service, { event: 'push', body: '{}', signature: 'sha256=00' }));
    await record(await deliver(service, { event: 'push', body: '[[[' }));
    await service.http.sync.start({ trigger: 'manual' }).done;
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('is OpenAPI 3.1 and every schema compiles under draft 2020-12', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'urn:regsync:openapi', components: doc.components });
    for (const name of Object.keys(doc.components.schemas)) {
      expect(
        () => ajv.getSchema(`urn:regsync:openapi#/components/schemas/${name}`),
        name,
      ).not.toThrow();
    }
  });

  it('every real response matches the schema documented for its status and content type', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'urn:regsync:openapi', components: doc.components });
    const compiled = new Map<string, ValidateFunction>();
    const failures: string[] = [];
    for (const ex of exchanges) {
      const label = `${ex.method.toUpperCase()} ${ex.template} -> ${ex.status}`;
      const operation = doc.paths[ex.template]?.[ex.method];
      if (!operation) {
        failures.push(`${label}: not documented`);
        continue;
      }
      const response = operation.responses[String(ex.status)] ?? operation.responses.default;
      if (!response) {
        failures.push(`${label}: status not documented`);
        continue;
      }
      const media = response.content?.[ex.contentType];
      if (!media) {
        failures.push(`${label}: content type ${ex.contentType} not documented`);
        continue;
      }
      const key = JSON.stringify(media.schema);
      let validate = compiled.get(key);
      if (!validate) {
        const schema = JSON.parse(
          key.replaceAll('"#/components/', '"urn:regsync:openapi#/components/'),
        ) as object;
        validate = ajv.compile(schema);
        compiled.set(key, validate);
      }
      if (!validate(ex.body))
        failures.push(
          `${label}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(ex.body).slice(0, 300)}`,
        );
    }
    expect(failures).toEqual([]);
  });

  it('every documented operation was exercised, with a success and an error status where it has one', () => {
    const seen = new Set(exchanges.map((e) => `${e.method} ${e.template}`));
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      // Connections and workspaces are exercised, and their responses checked against this
      // document's schemas, by test/integration/connections and test/integration/workspaces.
      const ops = operations as Record<string, { tags?: string[] }>;
      for (const method of Object.keys(operations).filter(
        (m) =>
          HTTP_METHODS.includes(m) &&
          !ops[m]?.tags?.some((t) => t === 'connections' || t === 'workspaces'),
      )) {
        if (!seen.has(`${method} ${path}`)) missing.push(`${method} ${path}`);
      }
    }
    expect(missing).toEqual([]);
    const statuses = new Set(exchanges.map((e) => `${e.method} ${e.template} ${e.status}`));
    for (const expected of [
      'get /readyz 503',
      'get /readyz 200',
      'post /api/v1/sync 202',
      'post /api/v1/sync 401',
      'post /api/v1/webhooks/github 202',
      'post /api/v1/webhooks/github 401',
    ]) {
      expect(statuses).toContain(expected);
    }
  });
});
