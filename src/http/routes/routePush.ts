import type { FollowedSource, WebhookTools } from '../ports.js';

/** What a signed delivery asks of an instance with several sources. */
export type PushRoute =
  | { kind: 'push'; sources: string[]; ref: string; after: string; repository: string }
  | { kind: 'ignored'; reason: string };

/**
 * Which sources a push delivery syncs, when the instance follows several (layered
 * registries). Each Git source judges the delivery as a single-source instance would
 * (`decide` with its own branch and repository): a push naming a source's repository
 * (its gate's, or the github.com one of its URL) syncs that source only. Only when no
 * source with a known repository takes it do the Git sources whose repository is not
 * known take it (any signed push, as for a single source; a warning at startup says so).
 * Folders get no pushes; a pinned source is never moved by one. Pure; never throws.
 */
export function routePush(input: {
  event: string;
  body: unknown;
  sources: readonly FollowedSource[];
  decide: WebhookTools['decide'];
}): PushRoute {
  const git = input.sources.filter((s) => s.git);
  if (git.length === 0)
    return { kind: 'ignored', reason: 'no source is a Git repository: pushes move nothing here' };
  const judged = git.map((source) => ({
    source,
    decision: input.decide({
      event: input.event,
      body: input.body,
      ...(source.branch ? { branch: source.branch } : {}),
      ...(source.repository ? { repository: source.repository } : {}),
    }),
  }));
  const takers = (known: boolean) =>
    judged.filter((j) => j.decision.kind === 'push' && (j.source.repository !== null) === known);
  const taken = takers(true).length > 0 ? takers(true) : takers(false);
  const moving = taken.filter((j) => j.source.pinnedRevision === null);
  const first = moving[0]?.decision;
  if (first?.kind === 'push')
    return {
      kind: 'push',
      sources: moving.map((j) => j.source.name),
      ref: first.ref,
      after: first.after,
      repository: first.repository,
    };
  const pinned = taken[0]?.source;
  if (pinned)
    return {
      kind: 'ignored',
      reason: `source "${pinned.name}" is pinned to ${pinned.pinnedRevision ?? ''}; pushes do not move it`,
    };
  const reasons = [
    ...new Set(judged.map((j) => (j.decision.kind === 'ignored' ? j.decision.reason : 'ping'))),
  ];
  return {
    kind: 'ignored',
    reason:
      reasons.length === 1
        ? (reasons[0] ?? '')
        : `no source follows this push (${judged
            .map((j) =>
              j.decision.kind === 'ignored' ? `${j.source.name}: ${j.decision.reason}` : '',
            )
            .join('; ')})`,
  };
}
