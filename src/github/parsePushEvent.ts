/** What a GitHub webhook delivery asks of Regsync. */
export type PushEventDecision =
  | { kind: 'ping' }
  | {
      kind: 'push';
      /** `refs/heads/<branch>` (or `refs/tags/<tag>` when the followed name is a tag). */
      ref: string;
      /** The commit the branch now points at, per the payload (a hint, see parsePushEvent). */
      after: string;
      /** `owner/name` from the payload. */
      repository: string;
    }
  | { kind: 'ignored'; reason: string };

/**
 * A webhook delivery to classify: its event name, its signature-checked body and the ref
 * Regsync follows.
 */
export interface ParsePushEventInput {
  /** The `X-GitHub-Event` header. */
  event: string | undefined;
  /** The JSON-parsed body (already signature-checked). */
  body: unknown;
  /**
   * The branch (or tag) Regsync follows, REGSYNC_BRANCH. Unset means the remote's default branch, which is then taken
   * from the payload's `repository.default_branch`.
   */
  branch?: string;
  /** `owner/name` Regsync follows; pushes of other repositories (an organisation hook) are ignored. */
  repository?: string;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO = /^0+$/;

/** The few fields of a push payload Regsync reads (shaped like the HTTP layer's PushEventSummary). */
export interface PushPayloadSummary {
  /** `refs/heads/main`, `refs/tags/v1`. */
  ref: string;
  /** Head commit after the push; all zeros for a deleted ref. */
  after: string;
  /** True when the push deleted the ref. */
  deleted: boolean;
  /** `repository.default_branch`, when the payload names it. */
  defaultBranch?: string;
  /** `repository.full_name` (`owner/name`), when the payload names it. */
  repository?: string;
}

/**
 * Reads `ref`, `after`, `deleted` and the repository's name and default branch from a push
 * payload; `undefined` when `ref` or `after` is not a string. Pure; never throws. Decides
 * nothing: see parsePushEvent.
 */
export function summarizePushPayload(body: unknown): PushPayloadSummary | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const push = body as {
    ref?: unknown;
    after?: unknown;
    deleted?: unknown;
    repository?: { full_name?: unknown; default_branch?: unknown } | null;
  };
  if (typeof push.ref !== 'string' || typeof push.after !== 'string') return undefined;
  const repo =
    typeof push.repository === 'object' && push.repository !== null ? push.repository : {};
  return {
    ref: push.ref,
    after: push.after,
    deleted: push.deleted === true || ZERO.test(push.after),
    ...(typeof repo.default_branch === 'string' ? { defaultBranch: repo.default_branch } : {}),
    ...(typeof repo.full_name === 'string' ? { repository: repo.full_name } : {}),
  };
}

/**
 * Decides what a webhook delivery means: `ping` (GitHub's hello when a hook is created), a
 * `push` to the followed branch (sync now), or `ignored` with a reason: other events, other
 * branches, tags (except the followed name when REGSYNC_BRANCH names a tag), deleted refs,
 * other repositories (an organisation-wide hook sends them all), malformed payloads. Pure;
 * never throws.
 *
 * The payload is never trusted as data: a `push` result is only a hint to sync earlier than
 * the next poll. The sync still resolves the branch head from Git itself, and the validation
 * gate still asks GitHub about that commit; `after` is for logs, never synced on its own say.
 */
export function parsePushEvent(input: ParsePushEventInput): PushEventDecision {
  const event = input.event?.trim().toLowerCase();
  if (event === 'ping') return { kind: 'ping' };
  if (event !== 'push') {
    return { kind: 'ignored', reason: `event "${String(input.event)}" is not handled` };
  }
  const push = summarizePushPayload(input.body);
  if (push === undefined) return { kind: 'ignored', reason: 'malformed push payload' };
  const { ref, repository } = push;
  if (repository === undefined) {
    return { kind: 'ignored', reason: 'malformed push payload: no repository' };
  }
  if (
    input.repository !== undefined &&
    repository.toLowerCase() !== input.repository.toLowerCase()
  ) {
    return { kind: 'ignored', reason: `push to ${repository}, following ${input.repository}` };
  }
  const followed = input.branch ?? push.defaultBranch;
  if (followed === undefined) {
    return { kind: 'ignored', reason: 'no followed branch and no default branch in the payload' };
  }
  if (ref.startsWith('refs/tags/') && ref !== `refs/tags/${followed}`) {
    return { kind: 'ignored', reason: `tag push (${ref})` };
  }
  if (!ref.startsWith('refs/heads/') && !ref.startsWith('refs/tags/')) {
    return { kind: 'ignored', reason: `push to ${ref}, not a branch` };
  }
  const pushed = ref.replace(/^refs\/(heads|tags)\//, '');
  if (pushed !== followed) {
    return { kind: 'ignored', reason: `push to branch ${pushed}, following ${followed}` };
  }
  if (push.deleted) return { kind: 'ignored', reason: `${ref} deleted` };
  if (!SHA.test(push.after)) {
    return { kind: 'ignored', reason: 'malformed push payload: after is not a commit sha' };
  }
  return { kind: 'push', ref, after: push.after, repository };
}
