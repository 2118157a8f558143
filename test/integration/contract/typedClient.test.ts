/**
 * The typed client (src/client, generated from the committed snapshot) against the real
 * service on loopback (PGlite, the bundled registry in a Git repository, connections and
 * workspaces wired as in production): every read (GET) operation of the served document is
 * called through it, with a status and a typed field checked. The list of operations is read
 * from GET /openapi.json, so a GET added to the document without a call here fails the test.
 * The file type-checks (npm run typecheck) only while the client's types match these calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegsyncClient, type RegsyncClient } from '../../../src/client/index.js';
import {
  ADMIN_TOKEN,
  PROXY_SECRET,
  startUserDataService,
  type UserDataHarness,
} from '../connections/userDataService.js';

describe('the typed client against a running server', () => {
  let h: UserDataHarness;
  let anonymous: RegsyncClient;
  let admin: RegsyncClient;
  let alice: RegsyncClient;
  /** Path templates of the GET operations called through the client. */
  const called = new Set<string>();
  /** Records the template a call is made with; the client's types check the literal. */
  const track = <P extends string>(template: P): P => {
    called.add(template);
    return template;
  };

  beforeAll(async () => {
    h = await startUserDataService('pglite');
    anonymous = createRegsyncClient(h.url);
    admin = createRegsyncClient(h.url, { adminToken: ADMIN_TOKEN });
    alice = createRegsyncClient(`${h.url}/`, { user: 'alice', proxySecret: PROXY_SECRET });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('probes, metrics and the document', async () => {
    const health = await anonymous.GET(track('/healthz'));
    expect(health.response.status).toBe(200);
    expect(health.data?.status).toBe('ok');

    const ready = await anonymous.GET(track('/readyz'));
    expect(ready.response.status).toBe(200);
    expect(ready.data?.status).toBe('ready');

    const metrics = await anonymous.GET(track('/metrics'), { parseAs: 'text' });
    expect(metrics.response.status).toBe(200);
    expect(metrics.data).toMatch(/^# HELP /m);

    const doc = await anonymous.GET(track('/openapi.json'));
    expect(doc.response.status).toBe(200);
    expect(doc.data?.openapi).toBe('3.1.0');
  });

  it('the catalog', async () => {
    const page = await anonymous.GET(track('/api/v1/integrations'), {
      params: { query: { limit: 2 } },
    });
    expect(page.response.status).toBe(200);
    expect(page.data?.items).toHaveLength(2);
    expect(typeof page.data?.next).toBe('string');

    const hubspot = await anonymous.GET(track('/api/v1/integrations/{key}'), {
      params: { path: { key: 'hubspot' } },
    });
    expect(hubspot.response.status).toBe(200);
    expect(hubspot.data?.key).toBe('hubspot');
    expect(hubspot.data?.mappings.length).toBeGreaterThan(0);

    const missing = await anonymous.GET('/api/v1/integrations/{key}', {
      params: { path: { key: 'no-such-integration' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe('NOT_FOUND');

    const types = await anonymous.GET(track('/api/v1/integrations/{key}/entity-types'), {
      params: { path: { key: 'stripe' } },
    });
    expect(types.response.status).toBe(200);
    const first = types.data?.items[0]?.key ?? '';
    expect(first).not.toBe('');

    const type = await anonymous.GET(track('/api/v1/integrations/{key}/entity-types/{type}'), {
      params: { path: { key: 'stripe', type: first } },
    });
    expect(type.response.status).toBe(200);
    expect(type.data?.key).toBe(first);
    expect(type.data?.attributes.length).toBeGreaterThan(0);

    const templates = await anonymous.GET(track('/api/v1/templates'));
    expect(templates.response.status).toBe(200);
    expect(templates.data?.items.map((t) => t.key)).toContain('saas-startup');

    const template = await anonymous.GET(track('/api/v1/templates/{key}'), {
      params: { path: { key: 'saas-startup' } },
    });
    expect(template.response.status).toBe(200);
    expect(template.data?.kind).toBe('template');

    const templateTypes = await anonymous.GET(track('/api/v1/templates/{key}/entity-types'), {
      params: { path: { key: 'saas-startup' } },
    });
    expect(templateTypes.response.status).toBe(200);
    const firstOfTemplate = templateTypes.data?.items[0]?.key ?? '';

    const templateType = await anonymous.GET(track('/api/v1/templates/{key}/entity-types/{type}'), {
      params: { path: { key: 'saas-startup', type: firstOfTemplate } },
    });
    expect(templateType.response.status).toBe(200);
    expect(templateType.data?.key).toBe(firstOfTemplate);

    const all = await anonymous.GET(track('/api/v1/entity-types'), {
      params: { query: { integration: 'slack' } },
    });
    expect(all.response.status).toBe(200);
    expect(all.data?.items.length).toBeGreaterThan(0);
  });

  it('sync status, runs and manifests', async () => {
    const status = await anonymous.GET(track('/api/v1/sync'));
    expect(status.response.status).toBe(200);
    expect(status.data?.revision).toMatch(/^[0-9a-f]{40}$/);

    const runs = await anonymous.GET(track('/api/v1/sync/runs'), {
      params: { query: { limit: 5 } },
    });
    expect(runs.response.status).toBe(200);
    const id = runs.data?.items[0]?.id ?? '';

    const run = await anonymous.GET(track('/api/v1/sync/runs/{id}'), {
      params: { path: { id } },
    });
    expect(run.response.status).toBe(200);
    expect(run.data?.status).toBe('succeeded');

    const manifests = await anonymous.GET(track('/api/v1/manifests'), {
      params: { query: { state: 'active' } },
    });
    expect(manifests.response.status).toBe(200);
    expect(manifests.data?.counts.active).toBeGreaterThan(0);
  });

  it("a user's workspaces and connections, through the trusted-proxy credentials", async () => {
    const refused = await anonymous.GET('/api/v1/workspaces');
    expect(refused.response.status).toBe(401);

    const created = await alice.POST('/api/v1/workspaces', { body: { name: 'Alice Inc' } });
    expect(created.response.status).toBe(201);
    const id = created.data?.id ?? '';
    const installed = await alice.POST('/api/v1/workspaces/{id}/templates', {
      params: { path: { id } },
      body: { template: 'saas-startup' },
    });
    expect(installed.response.status).toBe(201);

    const list = await alice.GET(track('/api/v1/workspaces'));
    expect(list.response.status).toBe(200);
    expect(list.data?.items.map((w) => w.id)).toEqual([id]);

    const workspace = await alice.GET(track('/api/v1/workspaces/{id}'), {
      params: { path: { id } },
    });
    expect(workspace.response.status).toBe(200);
    expect(workspace.data?.ownerId).toBe('alice');

    const changes = await alice.GET(track('/api/v1/workspaces/{id}/templates/{key}/changes'), {
      params: { path: { id, key: 'saas-startup' } },
    });
    expect(changes.response.status).toBe(200);
    expect(changes.data?.template).toBe('saas-startup');

    const connected = await alice.POST('/api/v1/users/{userId}/connections', {
      params: { path: { userId: 'alice' } },
      body: {
        integrationType: 'zendesk',
        label: 'work',
        config: {
          subdomain: 'acme',
          email: 'ops@example.com',
          apiToken: 'S3cretValue0123456789abcdefghijklmn',
        },
      },
    });
    expect(connected.response.status).toBe(201);
    const connectionId = connected.data?.id ?? '';

    const connections = await alice.GET(track('/api/v1/users/{userId}/connections'), {
      params: { path: { userId: 'alice' } },
    });
    expect(connections.response.status).toBe(200);
    expect(connections.data?.items.map((c) => c.id)).toEqual([connectionId]);

    const connection = await alice.GET(track('/api/v1/users/{userId}/connections/{id}'), {
      params: { path: { userId: 'alice', id: connectionId } },
    });
    expect(connection.response.status).toBe(200);
    expect(connection.data?.integrationType).toBe('zendesk');
    expect(connection.data?.secretsEncrypted).toBe(true);

    const byIntegration = await admin.GET(track('/api/v1/integrations/{key}/connections'), {
      params: { path: { key: 'zendesk' } },
    });
    expect(byIntegration.response.status).toBe(200);
    expect(byIntegration.data?.integration).toBe('zendesk');
    expect(byIntegration.data?.items).toHaveLength(1);
  });

  it('called every GET operation of the served document', async () => {
    const doc = await anonymous.GET('/openapi.json');
    const paths = (doc.data?.paths ?? {}) as Record<string, Record<string, unknown>>;
    const documented = Object.keys(paths)
      .filter((template) => paths[template]?.get !== undefined)
      .sort();
    expect(documented.length).toBeGreaterThan(20);
    const missing = documented.filter((t) => !called.has(t));
    expect(missing, 'GET operations of /openapi.json this test does not call').toEqual([]);
    expect([...called].sort()).toEqual(documented);
  });
});

describe('createRegsyncClient', () => {
  it('refuses a base URL that is not absolute http(s), and credentials a header cannot carry', () => {
    expect(() => createRegsyncClient('localhost:8080')).toThrow(/http or https/);
    expect(() => createRegsyncClient('/api')).toThrow(/absolute URL, got \/api/);
    expect(() => createRegsyncClient('http://x', { adminToken: 'a\r\nX-Evil: 1' })).toThrow(
      /adminToken must be a non-empty header value/,
    );
    expect(() => createRegsyncClient('http://x', { user: '' })).toThrow(/user must be/);
  });

  it('sends each credential given, and only those, through the fetch given', async () => {
    const seen: Request[] = [];
    const client = createRegsyncClient('http://regsync.test/', {
      adminToken: 'tok',
      user: 'bob',
      proxySecret: 'shh',
      fetch: (request) => {
        seen.push(request);
        return Promise.resolve(Response.json({ status: 'ok' }));
      },
    });
    const health = await client.GET('/healthz');
    expect(health.data?.status).toBe('ok');
    expect(seen[0]?.url).toBe('http://regsync.test/healthz');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer tok');
    expect(seen[0]?.headers.get('x-regsync-user')).toBe('bob');
    expect(seen[0]?.headers.get('x-regsync-proxy-secret')).toBe('shh');

    const bare = createRegsyncClient('http://regsync.test', {
      fetch: (request) => {
        seen.push(request);
        return Promise.resolve(Response.json({ status: 'ok' }));
      },
    });
    await bare.GET('/healthz');
    expect([...(seen[1]?.headers.keys() ?? [])]).toEqual([]);
  });
});
