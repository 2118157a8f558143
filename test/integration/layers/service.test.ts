/**
 * Layered registries through the real service (issue 14), on both databases: an upstream and
 * an overlay as bare Git repositories, each gated by its own check on a loopback GitHub, and a
 * plain folder on top (REGSYNC_SOURCES_FILE). Over HTTP: `GET /sync` lists every source with
 * its revision, state and last error; `GET /manifests` says which source each copy of a path
 * comes from and which is served, and pages through two copies of one path without skipping;
 * a gate failing on the overlay only holds the overlay back while upstream moves on; a push
 * webhook syncs the source whose repository it names, and only it; the catalog's ETag moves
 * when a source's served revision moves and at no other time.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fakeGitHub.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest } from '../../helpers/manifests.js';
import { ADMIN_TOKEN, deliver, pushPayload, startService, type Service } from '../http/service.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const file = (key: string) => `integrations/${key}/manifest.json`;
const manifest = (key: string, name?: string) =>
  pretty(integrationManifest({ key, ...(name ? { name } : {}) }));
const TOKEN = 'ghp_layers_test_token';
const UPSTREAM = 'acme/upstream';
const OVERLAY = 'acme/overlay';

interface SourceLine {
  name: string;
  origin: string;
  configured: boolean;
  repository: string | null;
  gate: string | null;
  revision: string | null;
  state: string;
  lastRun: { status: string; reason: string; toRevision: string | null } | null;
  lastError: { status: string; reason: string; message: string | null } | null;
}
interface SyncStatus {
  revision: string | null;
  sources: SourceLine[];
}
interface ManifestItem {
  path: string;
  state: string;
  source: string;
  origin: string;
  served: boolean;
  servedBy: string | null;
  findings: Array<{ rule: string }>;
}
interface RunJson {
  status: string;
  sources?: Array<{ name: string; status: string; reason: string }>;
}

describe.each(['pglite', 'postgresql'] as const)('layered registries over HTTP on %s', (driver) => {
  let github: FakeGitHub;
  let upstream: TestRepo;
  let overlay: TestRepo;
  let dir: string;
  let folder: string;
  let service: Service;

  const pass = (repo: string, sha: string) =>
    github.addCheckRun(repo, sha, { name: 'validate', status: 'completed', conclusion: 'success' });
  const fail = (repo: string, sha: string) =>
    github.addCheckRun(repo, sha, { name: 'validate', status: 'completed', conclusion: 'failure' });
  const json = async <T>(path: string): Promise<T> => {
    const res = await service.fetch(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const status = () => json<SyncStatus>('/api/v1/sync');
  const line = async (name: string) => (await status()).sources.find((s) => s.name === name);
  const etag = async () => {
    const res = await service.fetch('/api/v1/integrations');
    expect(res.status).toBe(200);
    return res.headers.get('etag');
  };
  const served = async (key: string) => {
    const res = await service.fetch(`/api/v1/integrations/${key}`);
    return res.status === 200 ? ((await res.json()) as { name: string }).name : undefined;
  };
  /** A manual run of every source (admin), to its end. */
  const syncAll = async (): Promise<RunJson> => {
    const res = await service.fetch('/api/v1/sync', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    return (await service.waitForRun(runId)) as unknown as RunJson;
  };
  const push = async (repository: string, after: string) => {
    const res = await deliver(service, {
      event: 'push',
      body: pushPayload({ after, repository }),
    });
    expect(res.status).toBe(202);
    return (await res.json()) as {
      status: string;
      runId?: string;
      sources?: string[];
      reason?: string;
    };
  };

  beforeAll(async () => {
    github = await startFakeGitHub({ token: TOKEN });
    upstream = await createTestRepo({
      [file('alpha')]: manifest('alpha'),
      [file('beta')]: manifest('beta'),
    });
    pass(UPSTREAM, await upstream.head());
    // The overlay redefines alpha without the right to: a collision, upstream's copy served.
    overlay = await createTestRepo({
      [file('alpha')]: manifest('alpha', 'Overlay Alpha'),
      [file('gamma')]: manifest('gamma'),
    });
    pass(OVERLAY, await overlay.head());
    dir = await mkdtemp(join(tmpdir(), 'regsync-layers-http-'));
    folder = join(dir, 'local');
    await mkdir(dirname(join(folder, file('delta'))), { recursive: true });
    await writeFile(join(folder, file('delta')), manifest('delta'));
    const gate = (repo: string) => ({ repo, apiUrl: github.url, tokenEnv: 'LAYERS_GH_TOKEN' });
    await writeFile(
      join(dir, 'sources.json'),
      JSON.stringify({
        sources: [
          { name: 'upstream', url: upstream.url, gate: gate(UPSTREAM) },
          { name: 'overlay', url: overlay.url, gate: gate(OVERLAY) },
          { name: 'local', folder: 'local' },
        ],
      }),
    );
    service = await startService({
      driver,
      repo: upstream,
      env: {
        REGSYNC_REGISTRY: '',
        REGSYNC_SOURCES_FILE: join(dir, 'sources.json'),
        LAYERS_GH_TOKEN: TOKEN,
        REGSYNC_LOG_LEVEL: 'warn',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await github?.close();
    await upstream?.cleanup();
    await overlay?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('GET /sync lists every source with its revision, state and repository', async () => {
    const body = await status();
    expect(body.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(
      body.sources.map((s) => [s.name, s.origin, s.configured, s.state, s.repository]),
    ).toEqual([
      ['upstream', 'primary', true, 'synced', UPSTREAM],
      ['overlay', 'overlay', true, 'synced', OVERLAY],
      ['local', 'local', true, 'synced', null],
    ]);
    expect(body.sources[0]?.revision).toBe(await upstream.head());
    expect(body.sources[1]?.revision).toBe(await overlay.head());
    expect(body.sources[2]?.revision).toMatch(/^sha256:/);
    expect(body.sources[1]?.gate).toContain(OVERLAY);
    for (const s of body.sources) {
      expect(s.lastRun).toMatchObject({ status: 'succeeded', toRevision: s.revision });
      expect(s.lastError).toBeNull();
    }
  });

  it('GET /manifests names the source of each copy and which copy is served', async () => {
    const body = await json<{ items: ManifestItem[] }>('/api/v1/manifests');
    expect(body.items.map((m) => [m.path, m.source, m.state, m.served, m.servedBy])).toEqual([
      [file('alpha'), 'overlay', 'invalid', false, 'upstream'],
      [file('alpha'), 'upstream', 'active', true, 'upstream'],
      [file('beta'), 'upstream', 'active', true, 'upstream'],
      [file('delta'), 'local', 'active', true, 'local'],
      [file('gamma'), 'overlay', 'active', true, 'overlay'],
    ]);
    expect(body.items[0]?.findings.map((f) => f.rule)).toEqual(['key-collision']);
  });

  it('pages GET /manifests by (path, origin): a page ending between two copies of a path skips neither', async () => {
    const seen: string[] = [];
    let url: string | null = '/api/v1/manifests?limit=1';
    while (url) {
      const page: { items: ManifestItem[]; nextCursor: string | null } = await json(url);
      seen.push(...page.items.map((m) => `${m.path} ${m.source}`));
      url = page.nextCursor ? `/api/v1/manifests?limit=1&cursor=${page.nextCursor}` : null;
    }
    expect(seen).toEqual([
      `${file('alpha')} overlay`,
      `${file('alpha')} upstream`,
      `${file('beta')} upstream`,
      `${file('delta')} local`,
      `${file('gamma')} overlay`,
    ]);
  });

  it('a gate failing on the overlay only holds the overlay back while upstream moves on', async () => {
    const tagBefore = await etag();
    const overlayBefore = await overlay.head();
    const held = await overlay.commit({ [file('gamma')]: manifest('gamma', 'Gamma unchecked') });
    await overlay.push();
    fail(OVERLAY, held);
    const moved = await upstream.commit({ [file('beta')]: manifest('beta', 'Beta 2') });
    await upstream.push();
    pass(UPSTREAM, moved);

    const run = await syncAll();
    expect(run.sources?.map((s) => [s.name, s.status, s.reason])).toEqual([
      ['upstream', 'succeeded', 'Succeeded'],
      ['overlay', 'gated', 'GateFailed'],
      ['local', 'succeeded', 'UpToDate'],
    ]);
    expect(await served('beta')).toBe('Beta 2');
    expect(await served('gamma')).toBe('GAMMA');
    const overlayLine = await line('overlay');
    expect(overlayLine).toMatchObject({
      state: 'gated',
      revision: overlayBefore,
      lastRun: { status: 'gated', toRevision: held },
      lastError: { status: 'gated', reason: 'GateFailed' },
    });
    expect(overlayLine?.lastError?.message).toContain(OVERLAY);
    expect(await line('upstream')).toMatchObject({ state: 'synced', revision: moved });
    // Upstream's served revision moved: so did the ETag.
    expect(await etag()).not.toBe(tagBefore);
  });

  it('keeps the ETag when no served revision moves: a gated source polled again, a source down', async () => {
    const tagBefore = await etag();
    const revisionBefore = (await status()).revision;
    const again = await syncAll();
    expect(again.sources?.find((s) => s.name === 'overlay')?.status).toBe('gated');
    expect(await etag()).toBe(tagBefore);

    await rename(upstream.remote, `${upstream.remote}.away`);
    try {
      const down = await syncAll();
      expect(down.sources?.find((s) => s.name === 'upstream')?.status).toBe('failed');
      expect(await line('upstream')).toMatchObject({
        state: 'failed',
        revision: await upstream.head(),
        lastError: { status: 'failed', reason: 'SourceUnreachable' },
      });
      expect(await served('beta')).toBe('Beta 2');
      expect(await etag()).toBe(tagBefore);
      expect((await status()).revision).toBe(revisionBefore);
    } finally {
      await rename(`${upstream.remote}.away`, upstream.remote);
    }
  });

  it('a push webhook to the overlay syncs the overlay only, and the ETag moves', async () => {
    const tagBefore = await etag();
    // An upstream commit that no webhook announces: the overlay's push must not sync it.
    const unannounced = await upstream.commit({ [file('beta')]: manifest('beta', 'Beta 3') });
    await upstream.push();
    pass(UPSTREAM, unannounced);
    const fixed = await overlay.commit({ [file('gamma')]: manifest('gamma', 'Gamma 2') });
    await overlay.push();
    pass(OVERLAY, fixed);

    const answer = await push(OVERLAY, fixed);
    expect(answer).toMatchObject({ status: 'accepted', sources: ['overlay'] });
    const run = (await service.waitForRun(answer.runId ?? '')) as unknown as RunJson;
    expect(run.sources?.map((s) => [s.name, s.status])).toEqual([['overlay', 'succeeded']]);
    expect(await served('gamma')).toBe('Gamma 2');
    expect(await served('beta')).toBe('Beta 2');
    expect(await line('overlay')).toMatchObject({ state: 'synced', revision: fixed });
    expect((await line('overlay'))?.lastError).toMatchObject({ status: 'gated' });
    expect(await etag()).not.toBe(tagBefore);
  });

  it('a push webhook to upstream syncs upstream only; a push to another repository syncs nothing', async () => {
    const tagBefore = await etag();
    const answer = await push(UPSTREAM, await upstream.head());
    expect(answer).toMatchObject({ status: 'accepted', sources: ['upstream'] });
    const run = (await service.waitForRun(answer.runId ?? '')) as unknown as RunJson;
    expect(run.sources?.map((s) => [s.name, s.status])).toEqual([['upstream', 'succeeded']]);
    expect(await served('beta')).toBe('Beta 3');
    expect(await line('upstream')).toMatchObject({
      state: 'synced',
      revision: await upstream.head(),
    });
    const tagAfter = await etag();
    expect(tagAfter).not.toBe(tagBefore);

    const other = await push('acme/elsewhere', await upstream.head());
    expect(other.status).toBe('ignored');
    expect(other.reason).toContain('upstream: push to acme/elsewhere, following acme/upstream');
    expect(other.reason).toContain('overlay: push to acme/elsewhere, following acme/overlay');
    expect(await etag()).toBe(tagAfter);
  });
});
