import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { WebhookTools } from './ports.js';
import { problemType, PROBLEM_CONTENT_TYPE } from './problem.js';

/** What the startup webhook needs: the same settings and tools the app's webhook route uses. */
export interface StartupWebhookOptions {
  /** REGSYNC_WEBHOOK_SECRET. */
  secret: string;
  bodyLimitBytes: number;
  /** Shared with the app (createHttpRuntime's `webhooks`), so a redelivery after startup is a duplicate. */
  tools: WebhookTools;
  branch?: string;
  /** The followed repository (REGSYNC_GITHUB_REPO or derived from the registry URL). */
  repository?: string;
  pinnedRevision?: string;
  logger?: Logger;
}

/**
 * `POST /api/v1/webhooks/github` while the database opens (before the app exists). GitHub does not
 * redeliver a failed delivery, so answering 503 lost the push until the next poll. This
 * verifies the signature over the raw body exactly as the app does (401 otherwise), decides
 * with the same `decide`, and answers 202 `accepted` for a push to the followed branch of the
 * followed repository: the startup sync, which starts once the database is open, resolves the
 * branch head from Git after this delivery arrived, so it includes the push (no run id yet).
 * Other deliveries get the app's answers (ignored 202, duplicate 200, pong 200).
 */
export async function handleStartupWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  options: StartupWebhookOptions,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const problem = (status: number, code: string, title: string, detail: string) =>
    res
      .writeHead(status, {
        'Content-Type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
        'Cache-Control': 'no-store',
      })
      .end(
        JSON.stringify({ type: problemType(code), title, status, detail, instance: path, code }),
      );
  const json = (status: number, body: Record<string, unknown>) =>
    res
      .writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      .end(JSON.stringify(body));

  const raw = await readBody(req, options.bodyLimitBytes);
  if (raw === 'too-large') {
    problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', 'the request body is too large');
    return;
  }
  const given = req.headers['x-hub-signature-256'];
  const header = typeof given === 'string' ? given : undefined;
  if (!options.tools.verify(options.secret, raw, header)) {
    problem(
      401,
      'WEBHOOK_SIGNATURE_INVALID',
      'Invalid webhook signature',
      header
        ? 'X-Hub-Signature-256 does not match the body and the configured secret'
        : 'X-Hub-Signature-256 is missing',
    );
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    problem(400, 'MALFORMED_JSON', 'Malformed JSON', 'the body is not valid JSON');
    return;
  }
  const event = String(req.headers['x-github-event'] ?? '');
  const delivery = String(req.headers['x-github-delivery'] ?? '');
  if (delivery.length > 200) {
    problem(400, 'VALIDATION_FAILED', 'Invalid request body', 'X-GitHub-Delivery is too long');
    return;
  }
  if (delivery && !options.tools.firstDelivery(delivery)) {
    json(200, { status: 'duplicate', delivery, reason: 'this delivery was already handled' });
    return;
  }
  if (event === 'ping') {
    json(200, { status: 'pong', delivery });
    return;
  }
  if (options.pinnedRevision) {
    json(202, {
      status: 'ignored',
      delivery,
      reason: `this instance is pinned to ${options.pinnedRevision} (REGSYNC_REVISION); pushes do not move it`,
    });
    return;
  }
  const decision = options.tools.decide({
    event,
    body,
    branch: options.branch,
    repository: options.repository,
  });
  if (decision.kind !== 'push') {
    json(202, {
      status: 'ignored',
      delivery,
      reason: decision.kind === 'ignored' ? decision.reason : 'not a push',
    });
    return;
  }
  options.logger?.info(
    { delivery, ref: decision.ref, after: decision.after },
    'push webhook during startup: folded into the startup sync',
  );
  json(202, {
    status: 'accepted',
    delivery,
    reason:
      'the service is starting: the startup sync, which reads the branch head once the database is open, includes this push',
  });
}

/** The raw body, or `too-large` past the limit (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
