import { describe, expect, it } from 'vitest';
import { parsePushEvent } from '../../github/parsePushEvent.js';
import type { FollowedSource } from '../ports.js';
import { routePush } from './routePush.js';

const source = (name: string, extra: Partial<FollowedSource> = {}): FollowedSource => ({
  name,
  description: name,
  branch: null,
  pinnedRevision: null,
  gate: null,
  repository: null,
  git: true,
  ...extra,
});
const body = (repository: string, ref = 'refs/heads/main') => ({
  ref,
  after: 'a'.repeat(40),
  repository: { full_name: repository, default_branch: 'main' },
});
const route = (sources: FollowedSource[], payload: unknown, event = 'push') =>
  routePush({ event, body: payload, sources, decide: parsePushEvent });

describe('routePush (which sources a push syncs)', () => {
  const upstream = source('upstream', { repository: 'regsync/registry' });
  const acme = source('acme', { repository: 'acme/private', branch: 'prod' });
  const local = source('local', { git: false });

  it('syncs the source whose repository and branch the push names, and only it', () => {
    expect(route([upstream, acme, local], body('regsync/registry'))).toMatchObject({
      kind: 'push',
      sources: ['upstream'],
    });
    expect(route([upstream, acme, local], body('acme/private', 'refs/heads/prod'))).toMatchObject({
      kind: 'push',
      sources: ['acme'],
    });
  });

  it('ignores a push to a branch the named source does not follow, with its reason', () => {
    const answer = route([upstream, acme], body('acme/private', 'refs/heads/main'));
    expect(answer).toEqual({
      kind: 'ignored',
      reason:
        'no source follows this push (upstream: push to acme/private, following regsync/registry; acme: push to branch main, following prod)',
    });
  });

  it('lets the Git sources of unknown repository take a push no known source claims', () => {
    const selfHosted = source('gitea');
    expect(route([upstream, selfHosted, local], body('someone/else'))).toMatchObject({
      kind: 'push',
      sources: ['gitea'],
    });
    // A push that a known source claims is that source's alone.
    expect(route([upstream, selfHosted], body('regsync/registry'))).toMatchObject({
      sources: ['upstream'],
    });
  });

  it('never moves a pinned source, and folders get no pushes', () => {
    const pinned = source('upstream', { repository: 'regsync/registry', pinnedRevision: 'v1.4.0' });
    expect(route([pinned, acme], body('regsync/registry'))).toEqual({
      kind: 'ignored',
      reason: 'source "upstream" is pinned to v1.4.0; pushes do not move it',
    });
    expect(route([local], body('regsync/registry'))).toMatchObject({ kind: 'ignored' });
  });

  it('gives one reason when every source says the same', () => {
    expect(route([upstream, acme], body('regsync/registry'), 'issues')).toEqual({
      kind: 'ignored',
      reason: 'event "issues" is not handled',
    });
  });
});
