import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import { SourceError } from '../../../src/git/SourceError.js';
import {
  createTestRepo,
  manifestJson,
  recordingLogger,
  type TestRepo,
} from '../../helpers/gitRepos.js';
import { startGitHttpServer, type GitHttpServer } from './gitHttpServer.js';

const CRM = 'integrations/crm/manifest.json';
const TOKEN = 'ghp_TestT0kenThatMustNeverLeak42';

/** Every text file of the mirror except the object store (config, refs, FETCH_HEAD, logs...). */
async function mirrorTexts(dir: string): Promise<string> {
  let out = '';
  for (const name of await readdir(dir)) {
    if (name === 'objects') continue;
    const path = join(dir, name);
    out += (await stat(path)).isDirectory()
      ? await mirrorTexts(path)
      : `${path}\n${await readFile(path, 'utf8')}\n`;
  }
  return out;
}

function leakForms(): string[] {
  return [
    TOKEN,
    encodeURIComponent(TOKEN),
    Buffer.from(`x-access-token:${TOKEN}`).toString('base64'),
  ];
}

describe('SimpleGitSource: a private fork over HTTP with a token', () => {
  let repo: TestRepo;
  let server: GitHttpServer;
  let url: string;

  beforeEach(async () => {
    repo = await createTestRepo({ [CRM]: manifestJson('crm') });
    server = await startGitHttpServer({ projectRoot: repo.root, token: TOKEN });
    url = `${server.baseUrl}/remote.git`;
  });
  afterEach(async () => {
    await server.close();
    await repo.cleanup();
  });

  it('syncs with REGSYNC_GIT_TOKEN, and the token is in no file, error, description or log', async () => {
    const logger = recordingLogger();
    const source = new SimpleGitSource({ url, token: TOKEN, cacheDir: repo.cacheDir, logger });
    const rev = await source.resolveRevision();
    expect(rev.id).toBe(await repo.head());
    await source.prepare(rev);
    expect(await source.read(rev.id, CRM)).toMatchObject({ ok: true, text: manifestJson('crm') });
    expect(server.requests.some((r) => r.authorised && r.user === 'x-access-token')).toBe(true);

    // A later failure (the branch is gone) must not leak it either.
    const gone = new SimpleGitSource({
      url,
      token: TOKEN,
      branch: 'gone',
      cacheDir: repo.cacheDir,
      logger,
    });
    const error = (await gone.resolveRevision().catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ code: 'REF_NOT_FOUND' });

    const haystack = [
      await mirrorTexts(source.mirrorPath),
      source.description,
      gone.description,
      error.message,
      String(error.stack),
      logger.text(),
    ].join('\n');
    for (const form of leakForms()) expect(haystack).not.toContain(form);
    expect(source.description).toBe(`git ${url} (default branch)`);
  });

  it('takes a token out of the URL, uses it, and shows the URL redacted', async () => {
    const logger = recordingLogger();
    const withUserInfo = url.replace('http://', `http://x-access-token:${TOKEN}@`);
    const source = new SimpleGitSource({ url: withUserInfo, cacheDir: repo.cacheDir, logger });
    expect(source.description).toBe(
      `git ${url.replace('http://', 'http://***@')} (default branch)`,
    );
    const rev = await source.resolveRevision();
    await source.prepare(rev);
    expect((await source.list(rev.id)).manifests).toEqual([CRM]);
    const haystack = [await mirrorTexts(source.mirrorPath), source.description, logger.text()].join(
      '\n',
    );
    for (const form of leakForms()) expect(haystack).not.toContain(form);
  });

  it('a wrong token fails fast as AUTH_FAILED (not retryable), without the token in the error', async () => {
    const wrong = 'ghp_WrongT0kenAlsoSecret99';
    const logger = recordingLogger();
    const source = new SimpleGitSource({
      url,
      token: wrong,
      cacheDir: repo.cacheDir,
      logger,
      timeoutMs: 15_000,
    });
    const started = Date.now();
    const error = (await source.resolveRevision().catch((e: unknown) => e)) as SourceError;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
    const haystack = [
      error.message,
      String(error.stack),
      String((error.cause as Error | undefined)?.message),
      logger.text(),
    ].join('\n');
    expect(haystack).not.toContain(wrong);
    expect(haystack).not.toContain(Buffer.from(`x-access-token:${wrong}`).toString('base64'));
  });

  it('no token on a private fork fails at once instead of prompting', async () => {
    const source = new SimpleGitSource({ url, cacheDir: repo.cacheDir, timeoutMs: 15_000 });
    const started = Date.now();
    await expect(source.resolveRevision()).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      retryable: false,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
