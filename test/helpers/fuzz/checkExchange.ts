/**
 * The fuzzer's oracle for one exchange, and the table of failure classes it keeps. A
 * failure class is what must never happen (a 5xx, an error that is not problem+json, no
 * answer) named by the operation and the answer's status and code, so a thousand requests
 * that hit one bug make one row with a count and the shortest example.
 */
import type { RawOutcome } from './rawRequest.js';
import type { FuzzRequest } from './hostileRequests.js';

export interface FailureClass {
  /** `5xx`, `not-problem-json`, `no-answer`, `victim-changed`, ... */
  kind: string;
  /** The operation and the answer: `POST /api/v1/workspaces -> 500 INTERNAL`. */
  key: string;
  count: number;
  /** The shortest request of the class, as sent (target cut at 300 characters). */
  example: string;
  answer: string;
}

/** What is wrong with one exchange, or undefined when nothing is. */
export function checkExchange(
  req: FuzzRequest,
  outcome: RawOutcome,
): { kind: string; answer: string } | undefined {
  if (outcome.kind === 'refused-by-client') return undefined;
  if (outcome.kind === 'transport') return { kind: 'no-answer', answer: outcome.message };
  const { status, headers, body } = outcome.response;
  const type = String(headers['content-type'] ?? '');
  const text = body.toString('utf8');
  let parsed: { status?: unknown; code?: unknown; type?: unknown; title?: unknown } | undefined;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  const code = typeof parsed?.code === 'string' ? parsed.code : '';
  const answer = `${status} ${code || type || '(no type)'} ${text.slice(0, 160)}`;
  if (status >= 500) return { kind: '5xx', answer };
  if (status >= 400 && req.method !== 'HEAD') {
    if (!type.startsWith('application/problem+json')) return { kind: 'not-problem-json', answer };
    if (
      parsed?.status !== status ||
      typeof parsed.code !== 'string' ||
      typeof parsed.type !== 'string' ||
      typeof parsed.title !== 'string'
    )
      return { kind: 'bad-problem-body', answer };
  }
  return undefined;
}

/** Collects failure classes across a run. */
export class FailureTable {
  readonly #classes = new Map<string, FailureClass>();

  /** Counts one failure; `cause` (the logged error of a 5xx) separates classes of one status. */
  record(req: FuzzRequest, kind: string, answer: string, cause = ''): void {
    const status = answer.split(' ').slice(0, 2).join(' ');
    // Digits and quoted parts of a cause vary per request; the class is the rest.
    const shape = cause.replace(/'[^']*'|"[^"]*"|\d+/g, '#');
    const key = `${kind}: ${req.operation} (${req.method}) -> ${status}${shape ? ` [${shape}]` : ''}`;
    const example = describe(req);
    const seen = this.#classes.get(key);
    if (!seen) this.#classes.set(key, { kind, key, count: 1, example, answer });
    else {
      seen.count++;
      if (example.length < seen.example.length) {
        seen.example = example;
        seen.answer = answer;
      }
    }
  }

  get classes(): FailureClass[] {
    return [...this.#classes.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /** One block per class, for the test's failure message and the long run's report. */
  format(): string {
    return this.classes
      .map((c) => `${c.key}  x${c.count}\n  request: ${c.example}\n  answer:  ${c.answer}`)
      .join('\n');
  }
}

/** The request as one line: method, target, headers, the body's first bytes. */
export function describe(req: FuzzRequest): string {
  const target =
    req.target.length > 300 ? `${req.target.slice(0, 300)}...(${req.target.length})` : req.target;
  const headers = req.headers
    .map(([n, v]) => `${n}: ${v.length > 60 ? `${v.slice(0, 60)}...(${v.length})` : v}`)
    .join(' | ');
  const body = req.body
    ? ` body(${req.body.length}): ${JSON.stringify(req.body.subarray(0, 120).toString('latin1'))}`
    : '';
  return `${req.method} ${JSON.stringify(target)} [${req.caller}] ${headers}${body}`;
}
