import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError } from '../../../src/github/GitHubError.js';
import { OctokitValidationGate } from '../../../src/github/OctokitValidationGate.js';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fakeGitHub.js';

const REPO = 'acme/registry';
const SHA = 'c'.repeat(40);
const TOKEN = 'ghp_secretvalue0987654321';

let gh: FakeGitHub;

beforeEach(async () => {
  gh = await startFakeGitHub({ token: TOKEN });
  gh.addRepo(REPO);
});
afterEach(async () => {
  await gh.close();
});

const gateWith = (options: Partial<ConstructorParameters<typeof OctokitValidationGate>[0]> = {}) =>
  new OctokitValidationGate({ repo: REPO, token: TOKEN, apiUrl: gh.url, retries: 0, ...options });

/** The error `verdict` throws, checked to be a token-free GitHubError. */
async function failure(gate: OctokitValidationGate, sha = SHA): Promise<GitHubError> {
  const error = await gate.verdict(sha).then(
    () => expect.fail('verdict should have thrown'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubError);
  const text = `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: Infinity })}`;
  expect(text).not.toContain(TOKEN);
  return error as GitHubError;
}

describe('authentication', () => {
  it('a wrong token is GITHUB_AUTH, not retryable, and the token is not in the message', async () => {
    const error = await failure(gateWith({ token: 'ghp_wrongtoken' }));
    expect(error).toMatchObject({ code: 'GITHUB_AUTH', retryable: false, status: 401 });
    expect(error.message).toContain('Bad credentials');
    expect(gh.requests).toHaveLength(1);
    expect(gh.requests[0]?.headers.authorization).toBe('token ghp_wrongtoken');
  });

  it('no token at all is GITHUB_AUTH', async () => {
    const error = await failure(gateWith({ token: undefined }));
    expect(error).toMatchObject({ code: 'GITHUB_AUTH', status: 401 });
    expect(gh.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('a token lacking a permission (403 without rate-limit headers) is GITHUB_AUTH', async () => {
    gh.fail({ status: 403, body: { message: 'Resource not accessible by integration' } });
    expect(await failure(gateWith())).toMatchObject({
      code: 'GITHUB_AUTH',
      retryable: false,
      status: 403,
    });
  });

  it('a token GitHub echoes back is scrubbed from the message', async () => {
    gh.fail({ status: 401, body: { message: `Bad credentials: ${TOKEN}` } });
    const error = await failure(gateWith());
    expect(error.message).toContain('Bad credentials: [REDACTED]');
  });

  it('a JWT-shaped token is sent as a Bearer token', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxIn0.c2lnbmF0dXJl';
    const bearer = await startFakeGitHub({ token: jwt });
    try {
      bearer.addRepo(REPO);
      const gate = new OctokitValidationGate({ repo: REPO, token: jwt, apiUrl: bearer.url });
      expect((await gate.verdict(SHA)).state).toBe('pending');
      expect(bearer.requests[0]?.headers.authorization).toBe(`bearer ${jwt}`);
    } finally {
      await bearer.close();
    }
  });
});

describe('rate limits', () => {
  it('403 with x-ratelimit-remaining 0 is GITHUB_RATE_LIMITED with the reset time, asked once', async () => {
    const resetAt = new Date(Math.floor(Date.now() / 1000 + 1800) * 1000);
    gh.rateLimit({ resetAt });
    const error = await failure(gateWith({ retries: 3 }));
    expect(error).toMatchObject({ code: 'GITHUB_RATE_LIMITED', retryable: true, status: 403 });
    expect(error.resetAt?.toISOString()).toBe(resetAt.toISOString());
    expect(error.message).toContain(resetAt.toISOString());
    expect(gh.requests).toHaveLength(1);
  });

  it('a secondary rate limit (403, retry-after) and a 429 are rate limits too', async () => {
    gh.fail({
      status: 403,
      headers: { 'retry-after': '60' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const before = Date.now();
    const secondary = await failure(gateWith());
    expect(secondary.code).toBe('GITHUB_RATE_LIMITED');
    expect(secondary.resetAt!.getTime()).toBeGreaterThanOrEqual(before + 60_000 - 1000);

    gh.fail({
      status: 429,
      headers: { 'x-ratelimit-remaining': '10' },
      body: { message: 'Too Many Requests' },
    });
    expect((await failure(gateWith())).code).toBe('GITHUB_RATE_LIMITED');
  });
});

describe('not found', () => {
  it('an unknown (or invisible) repository is GITHUB_NOT_FOUND', async () => {
    const error = await failure(gateWith({ repo: 'acme/missing' }));
    expect(error).toMatchObject({ code: 'GITHUB_NOT_FOUND', retryable: false, status: 404 });
  });
});

describe('GitHub unavailable', () => {
  it.each([500, 502, 503])('%i is GITHUB_UNAVAILABLE and retryable', async (status) => {
    gh.fail({ status, body: `<html><body>${'unicorn '.repeat(200)}</body></html>` });
    const error = await failure(gateWith());
    expect(error).toMatchObject({ code: 'GITHUB_UNAVAILABLE', retryable: true, status });
    expect(error.message.length).toBeLessThan(500);
  });

  it('a 5xx on the status call after the check runs is classified the same', async () => {
    gh.fail({ status: 502, match: (r) => r.path.endsWith('/status') });
    expect((await failure(gateWith())).code).toBe('GITHUB_UNAVAILABLE');
    expect(gh.requests.map((r) => r.path.split('/').pop())).toEqual(['check-runs', 'status']);
  });

  it('retries a 5xx inside one call when retries are configured', async () => {
    gh.fail({ status: 502, times: 2 });
    gh.addCheckRun(REPO, SHA, { name: 'validate' });
    const gate = gateWith({ retries: 2, retryBaseMs: 1 });
    expect(await gate.verdict(SHA)).toEqual({ state: 'passed' });
    expect(gh.requests).toHaveLength(3);
  });

  it.each([401, 403, 404, 422])(
    'never retries a %i, even with retries configured',
    async (status) => {
      gh.fail({ status, times: 5 });
      await failure(gateWith({ retries: 3, retryBaseMs: 1 }));
      expect(gh.requests).toHaveLength(1);
    },
  );

  it('a reset connection is GITHUB_UNAVAILABLE', async () => {
    gh.fail({ reset: true });
    expect((await failure(gateWith())).code).toBe('GITHUB_UNAVAILABLE');
  });

  it('retries a reset connection too, when retries are configured', async () => {
    gh.fail({ reset: true });
    gh.addCheckRun(REPO, SHA, { name: 'validate', conclusion: 'failure' });
    const verdict = await gateWith({ retries: 1, retryBaseMs: 1 }).verdict(SHA);
    expect(verdict.state).toBe('failed');
    expect(gh.requests).toHaveLength(2);
  });

  it('a refused connection is GITHUB_UNAVAILABLE', async () => {
    const url = gh.url;
    await gh.close();
    const error = await failure(
      new OctokitValidationGate({ repo: REPO, token: TOKEN, apiUrl: url, retries: 0 }),
    );
    expect(error.code).toBe('GITHUB_UNAVAILABLE');
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
    gh = await startFakeGitHub(); // for afterEach
  });

  it('a GitHub that never answers is GITHUB_UNAVAILABLE after timeoutMs', async () => {
    gh.fail({ hang: true });
    const started = Date.now();
    const error = await failure(gateWith({ timeoutMs: 200 }));
    expect(error.code).toBe('GITHUB_UNAVAILABLE');
    expect(error.message).toContain('did not answer in 200 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('input validation', () => {
  it.each([
    'acme',
    'acme/registry/extra',
    'https://github.com/acme/registry',
    'acme/..',
    './x',
    'acme/re gistry',
    '',
  ])('repo %j is refused at construction', (repo) => {
    expect(() => new OctokitValidationGate({ repo })).toThrowError(
      expect.objectContaining({ code: 'GITHUB_INVALID' }),
    );
  });

  it.each(['main', 'abc123', 'g'.repeat(40), `${SHA}/../x`])(
    'sha %j is refused without asking GitHub',
    async (sha) => {
      expect((await failure(gateWith(), sha)).code).toBe('GITHUB_INVALID');
      expect(gh.requests).toHaveLength(0);
    },
  );

  it.each([
    'not a url',
    'ftp://ghe.example.com/api/v3',
    'https://user:pass@ghe.example.com/api/v3',
    'https://ghe.example.com/api/v3?access_token=x',
  ])('API URL %j is refused at construction, without echoing it', (apiUrl) => {
    let thrown: unknown;
    try {
      new OctokitValidationGate({ repo: REPO, apiUrl });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'GITHUB_INVALID' });
    expect(String(thrown)).not.toMatch(/pass|access_token/);
  });

  it('an empty check name is refused', () => {
    expect(() => new OctokitValidationGate({ repo: REPO, checkName: ' ' })).toThrowError(
      expect.objectContaining({ code: 'GITHUB_INVALID' }),
    );
  });

  it('accepts owner and repository names with dots, dashes and underscores', async () => {
    gh.addRepo('my-org_1/registry.config');
    const gate = gateWith({ repo: 'my-org_1/registry.config' });
    expect((await gate.verdict(SHA)).state).toBe('pending');
    expect(gh.requests[0]?.path).toBe(`/repos/my-org_1/registry.config/commits/${SHA}/check-runs`);
  });
});
