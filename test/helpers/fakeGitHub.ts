/**
 * A loopback GitHub: a real HTTP server on 127.0.0.1 (ephemeral port) that speaks the few REST
 * endpoints Regsync calls, in GitHub's JSON shapes, with state the test sets. Octokit runs
 * against it unmocked. It records every request (method, path, query, headers, body), checks
 * `Authorization: token|Bearer <token>` when a token is configured (401 otherwise), and can
 * inject rate limits, 5xx, hung responses and reset connections.
 *
 * Endpoints (under an optional `pathPrefix`, e.g. `/api/v3` as on GitHub Enterprise):
 * - GET  /repos/{o}/{r}/commits/{ref}/check-runs   (check_name, app_id, status, filter, per_page, page)
 * - GET  /repos/{o}/{r}/commits/{ref}/status       (combined status; per_page, page)
 * - GET  /repos/{o}/{r}/commits/{ref}/statuses     (newest first; per_page, page)
 * - GET  /repos/{o}/{r}/issues/{n}/comments        (oldest first; per_page, page)
 * - POST /repos/{o}/{r}/issues/{n}/comments
 * - PATCH /repos/{o}/{r}/issues/comments/{id}
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path as received, prefix included, without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body?: unknown;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  /** The GitHub App that created the run (GitHub Actions unless given). */
  app?: { id: number; slug?: string; name?: string };
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  html_url: string;
  [key: string]: unknown;
}

export interface FakeStatus {
  id: number;
  context: string;
  state: 'success' | 'pending' | 'failure' | 'error';
  description: string | null;
  target_url: string | null;
  created_at: string;
  updated_at: string;
  [key: string]: unknown;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; id: number; type: string };
  html_url: string;
  created_at: string;
  updated_at: string;
  [key: string]: unknown;
}

/** A fault served instead of the real answer, to the next `times` requests that `match`. */
export type Fault = { times?: number; match?: (req: RecordedRequest) => boolean } & (
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { hang: true }
  | { reset: true }
);

export interface FakeGitHubOptions {
  /** When set, every request must carry it (`token <t>` or `Bearer <t>`), else 401. */
  token?: string;
  /** Served under this path prefix, e.g. `/api/v3` for a GitHub Enterprise base URL. */
  pathPrefix?: string;
  /** Login of the token's user: the author of comments created through the API. */
  login?: string;
}

export interface FakeGitHub {
  /** Base URL to give octokit: `http://127.0.0.1:<port><pathPrefix>`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  addCheckRun(
    repo: string,
    sha: string,
    run: Partial<FakeCheckRun> & { name: string },
  ): FakeCheckRun;
  addStatus(
    repo: string,
    sha: string,
    status: Partial<FakeStatus> & { context: string; state: FakeStatus['state'] },
  ): FakeStatus;
  addComment(repo: string, issue: number, body: string, login?: string): FakeComment;
  comments(repo: string, issue: number): FakeComment[];
  /** Makes a repository exist with no data (a missing one answers 404). */
  addRepo(repo: string): void;
  /** Serves `fault` instead of the answer. */
  fail(fault: Fault): void;
  /** Answers the next `times` requests with GitHub's primary rate-limit 403. */
  rateLimit(options: { resetAt: Date; times?: number }): void;
  close(): Promise<void>;
}

interface RepoState {
  checkRuns: FakeCheckRun[];
  statuses: Array<FakeStatus & { sha: string }>;
  comments: Map<number, FakeComment[]>;
}

const DOCS = 'https://docs.github.com/rest';
const ts = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Starts a fake GitHub; close it in `afterEach`/`afterAll`. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  const login = options.login ?? 'regsync-bot';
  const repos = new Map<string, RepoState>();
  const requests: RecordedRequest[] = [];
  const faults: Array<Fault & { left: number }> = [];
  const sockets = new Set<Socket>();
  let nextId = 1000;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const tick = (): number => (clock += 1000);
  let origin = '';

  const repoState = (name: string): RepoState => {
    let state = repos.get(name.toLowerCase());
    if (!state) {
      repos.set(name.toLowerCase(), (state = { checkRuns: [], statuses: [], comments: new Map() }));
    }
    return state;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const raw = await readBody(req);
    let parsed: unknown;
    try {
      parsed = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      parsed = raw;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      ...(parsed !== undefined ? { body: parsed } : {}),
    };
    requests.push(recorded);
    if (typeof parsed === 'string') {
      return send(res, 400, { message: 'Problems parsing JSON', documentation_url: DOCS });
    }

    const fault = faults.find((f) => f.left > 0 && (f.match?.(recorded) ?? true));
    if (fault) {
      fault.left--;
      if ('hang' in fault) return; // never answered; close() tears the socket down
      if ('reset' in fault) return void req.socket.destroy();
      return send(
        res,
        fault.status,
        fault.body ?? { message: `injected ${fault.status}` },
        fault.headers,
      );
    }
    if (options.token !== undefined) {
      const m = /^(token|bearer) (.+)$/i.exec(req.headers.authorization ?? '');
      if (!m || m[2] !== options.token)
        return send(res, 401, { message: 'Bad credentials', documentation_url: DOCS });
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)\/(.+)$/.exec(url.pathname.slice(prefix.length));
    if (!url.pathname.startsWith(`${prefix}/`) || !match) return notFound(res);
    const [owner, name] = [decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[2] ?? '')];
    const state = repos.get(`${owner}/${name}`.toLowerCase()); // GitHub ignores case here
    if (!state) return notFound(res);
    // `rest` is the path after the repository, split; the route names its variable parts.
    const rest = (match[3] ?? '').split('/').map(decodeURIComponent);
    const route = `${req.method} ${routeOf(rest)}`;
    const q = url.searchParams;
    const body = recorded.body as { body?: unknown } | undefined;

    switch (route) {
      case 'GET commits/:ref/check-runs': {
        let runs = state.checkRuns.filter((r) => r.head_sha === rest[1]);
        if (q.has('check_name')) runs = runs.filter((r) => r.name === q.get('check_name'));
        if (q.has('app_id')) runs = runs.filter((r) => String(r.app?.id) === q.get('app_id'));
        if (q.has('status')) runs = runs.filter((r) => r.status === q.get('status'));
        if ((q.get('filter') ?? 'latest') === 'latest') {
          const newer = (a: FakeCheckRun, b: FakeCheckRun): boolean =>
            (a.started_at ?? '') > (b.started_at ?? '') ||
            ((a.started_at ?? '') === (b.started_at ?? '') && a.id > b.id);
          runs = runs.filter((r) => !runs.some((o) => o.name === r.name && newer(o, r)));
        }
        const page = paginate(url, runs, res);
        return send(res, 200, { total_count: runs.length, check_runs: page });
      }
      case 'GET commits/:ref/status': {
        const latest = new Map<string, FakeStatus>();
        for (const s of statusesOf(state, rest[1] ?? ''))
          if (!latest.has(s.context)) latest.set(s.context, s);
        const all = [...latest.values()];
        const combined = all.some((s) => s.state === 'failure' || s.state === 'error')
          ? 'failure'
          : all.length === 0 || all.some((s) => s.state === 'pending')
            ? 'pending'
            : 'success';
        const page = paginate(url, all, res);
        const repoUrl = `${origin}${prefix}/repos/${owner}/${name}`;
        return send(res, 200, {
          state: combined,
          statuses: page,
          sha: rest[1],
          total_count: all.length,
          repository: { id: 1, name, full_name: `${owner}/${name}`, owner: { login: owner } },
          commit_url: `${repoUrl}/commits/${rest[1]}`,
          url: `${repoUrl}/commits/${rest[1]}/status`,
        });
      }
      case 'GET commits/:ref/statuses':
        return send(res, 200, paginate(url, statusesOf(state, rest[1] ?? ''), res));
      case 'GET issues/:n/comments':
        return send(res, 200, paginate(url, state.comments.get(Number(rest[1])) ?? [], res));
      case 'POST issues/:n/comments': {
        if (typeof body?.body !== 'string')
          return send(res, 422, { message: 'Validation Failed', documentation_url: DOCS });
        if (body.body.length > 65536)
          return send(res, 422, {
            message: 'Validation Failed: body is too long',
            documentation_url: DOCS,
          });
        return send(
          res,
          201,
          api.addComment(`${owner}/${name}`, Number(rest[1]), body.body, login),
        );
      }
      case 'PATCH issues/comments/:n': {
        const comment = [...state.comments.values()].flat().find((c) => c.id === Number(rest[2]));
        if (!comment) return notFound(res);
        if (typeof body?.body !== 'string')
          return send(res, 422, { message: 'Validation Failed', documentation_url: DOCS });
        Object.assign(comment, { body: body.body, updated_at: ts(tick()) });
        return send(res, 200, comment);
      }
      default:
        return notFound(res);
    }
  }

  /** Slices `items` by per_page/page and sets GitHub's Link header. */
  function paginate<T>(url: URL, items: T[], res: ServerResponse): T[] {
    const perPage = Math.min(
      Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1),
      100,
    );
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (p: number, rel: string): string => {
      const u = new URL(url.href);
      u.searchParams.set('page', String(p));
      return `<${u.href}>; rel="${rel}"`;
    };
    const links = [
      page > 1 ? link(page - 1, 'prev') : '',
      page < last ? link(page + 1, 'next') : '',
      page < last ? link(last, 'last') : '',
      page > 1 ? link(1, 'first') : '',
    ];
    if (links.some(Boolean)) res.setHeader('link', links.filter(Boolean).join(', '));
    return items.slice((page - 1) * perPage, page * perPage);
  }

  const statusesOf = (state: RepoState, sha: string): FakeStatus[] =>
    state.statuses
      .filter((s) => s.sha === sha)
      .sort((a, b) => b.id - a.id)
      .map(({ sha: _sha, ...s }) => s);

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (res.headersSent) return;
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': reset,
      'x-ratelimit-resource': 'core',
      ...headers,
    });
    res.end(JSON.stringify(body));
  }
  const notFound = (res: ServerResponse): void =>
    send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });

  const api: FakeGitHub = {
    get url() {
      return `${origin}${prefix}`;
    },
    requests,
    addRepo: (repo) => void repoState(repo),
    addCheckRun(repo, sha, run) {
      const id = nextId++;
      const started = ts(tick());
      const status = run.status ?? 'completed';
      const full: FakeCheckRun = {
        id,
        node_id: `CR_${id}`,
        head_sha: sha,
        external_id: '',
        url: `${origin}${prefix}/repos/${repo}/check-runs/${id}`,
        html_url: `https://github.com/${repo}/runs/${id}`,
        details_url: `https://github.com/${repo}/actions/runs/${id}`,
        status,
        conclusion: status === 'completed' ? 'success' : null,
        started_at: started,
        completed_at: status === 'completed' ? ts(tick()) : null,
        output: {
          title: null,
          summary: null,
          text: null,
          annotations_count: 0,
          annotations_url: '',
        },
        check_suite: { id: 1 },
        app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' },
        pull_requests: [],
        ...run,
      };
      repoState(repo).checkRuns.push(full);
      return full;
    },
    addStatus(repo, sha, status) {
      const id = nextId++;
      const at = ts(tick());
      const full = {
        id,
        node_id: `SC_${id}`,
        url: `${origin}${prefix}/repos/${repo}/statuses/${sha}`,
        avatar_url: null,
        description: null,
        target_url: null,
        created_at: at,
        updated_at: at,
        creator: { login: 'ci', id: 2 },
        ...status,
      };
      repoState(repo).statuses.push({ ...full, sha });
      return full;
    },
    addComment(repo, issue, body, author = 'someone') {
      const id = nextId++;
      const at = ts(tick());
      const comment: FakeComment = {
        id,
        node_id: `IC_${id}`,
        url: `${origin}${prefix}/repos/${repo}/issues/comments/${id}`,
        html_url: `https://github.com/${repo}/pull/${issue}#issuecomment-${id}`,
        issue_url: `${origin}${prefix}/repos/${repo}/issues/${issue}`,
        body,
        user: {
          login: author,
          id: author === login ? 41898282 : 1,
          type: author.endsWith('[bot]') ? 'Bot' : 'User',
        },
        created_at: at,
        updated_at: at,
        author_association: 'NONE',
      };
      const comments = repoState(repo).comments;
      comments.set(issue, [...(comments.get(issue) ?? []), comment]);
      return comment;
    },
    comments: (repo, issue) => repos.get(repo.toLowerCase())?.comments.get(issue) ?? [],
    fail: (fault) => void faults.push({ ...fault, left: fault.times ?? 1 }),
    rateLimit({ resetAt, times = 1 }) {
      api.fail({
        times,
        status: 403,
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(resetAt.getTime() / 1000)),
        },
        body: { message: `API rate limit exceeded for user ID 1.`, documentation_url: DOCS },
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}

/**
 * The route pattern of the path after `/repos/{owner}/{repo}/`: `commits/:ref/check-runs`,
 * `issues/:n/comments`, `issues/comments/:n`; anything else as is (then 404).
 */
function routeOf(rest: string[]): string {
  if (rest[0] === 'commits' && rest.length === 3) return `commits/:ref/${rest[2]}`;
  if (rest[0] === 'issues' && rest.length === 3 && /^\d+$/.test(rest[1] ?? ''))
    return `issues/:n/${rest[2]}`;
  if (rest[0] === 'issues' && rest[1] === 'comments' && /^\d+$/.test(rest[2] ?? ''))
    return 'issues/comments/:n';
  return rest.join('/');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
