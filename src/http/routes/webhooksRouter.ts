import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { ApiError } from '../ApiError.js';
import { readJsonBody } from '../middleware/readJsonBody.js';
import { routePush } from './routePush.js';

/**
 * `POST /webhooks/github`: GitHub's push webhook. The signature (`X-Hub-Signature-256`,
 * HMAC-SHA256 of the raw body bytes with REGSYNC_WEBHOOK_SECRET) is checked before the body
 * is parsed; without a configured secret the route does not exist (404). A push to the
 * followed branch starts a sync (202 with the run id; with several registry sources, of the
 * sources whose repository the push names, listed in `sources`); anything else is acknowledged and
 * ignored with a reason (202), a redelivered `X-GitHub-Delivery` answers 200, `ping` 200.
 */
export function webhooksRouter(deps: AppDeps): Router {
  const router = Router();
  const secret = deps.settings.webhookSecret;

  router.post(
    '/github',
    (_req, _res, next) => {
      if (!secret)
        throw new ApiError(
          'WEBHOOK_DISABLED',
          'the GitHub webhook is not configured on this instance (REGSYNC_WEBHOOK_SECRET is unset)',
        );
      next();
    },
    readJsonBody({
      limitBytes: deps.settings.bodyLimitBytes,
      maxDepth: deps.settings.maxJsonDepth,
      storableText: false, // never stored (see readJsonBody)
      verify: (req, raw) => {
        const header = req.get('x-hub-signature-256');
        if (!secret || !deps.webhooks.verify(secret, raw, header)) {
          throw new ApiError(
            'WEBHOOK_SIGNATURE_INVALID',
            header
              ? 'X-Hub-Signature-256 does not match the body and the configured secret'
              : 'X-Hub-Signature-256 is missing',
          );
        }
      },
    }),
    (req, res) => {
      const event = req.get('x-github-event') ?? '';
      const delivery = req.get('x-github-delivery') ?? '';
      res.setHeader('Cache-Control', 'no-store');
      if (delivery.length > 200)
        throw new ApiError('VALIDATION_FAILED', 'X-GitHub-Delivery is too long');
      if (delivery && !deps.webhooks.firstDelivery(delivery)) {
        res
          .status(200)
          .json({ status: 'duplicate', delivery, reason: 'this delivery was already handled' });
        return;
      }
      if (event === 'ping') {
        res.status(200).json({ status: 'pong', delivery });
        return;
      }
      const route = routeDelivery(deps, event, req.body);
      if (route.kind !== 'push') {
        res.status(202).json({ status: 'ignored', delivery, reason: route.reason });
        return;
      }
      const started = deps.sync.start({
        trigger: 'webhook',
        ...(route.sources ? { sources: route.sources } : {}),
      });
      deps.logger.child({ reqId: res.locals.ctx?.requestId }).info(
        {
          delivery,
          ref: route.ref,
          after: route.after,
          runId: started.id,
          ...(route.sources ? { sources: route.sources } : {}),
        },
        'push webhook: sync started',
      );
      const location = `/api/v1/sync/runs/${started.id}`;
      res.status(202).setHeader('Location', location);
      res.json({
        status: 'accepted',
        delivery,
        runId: started.id,
        location,
        ...(route.sources ? { sources: route.sources } : {}),
      });
    },
  );
  return router;
}

/**
 * What a signed, non-ping delivery starts. One source: a push to the followed branch of the
 * followed repository syncs it, unless it is pinned (as before layering). Several: the
 * sources the push names (routePush), and only those.
 */
function routeDelivery(
  deps: AppDeps,
  event: string,
  body: unknown,
):
  | { kind: 'push'; ref: string; after: string; sources?: string[] }
  | { kind: 'ignored'; reason: string } {
  if (deps.sync.sources.length > 1) {
    const route = routePush({
      event,
      body,
      sources: deps.sync.sources,
      decide: deps.webhooks.decide,
    });
    return route;
  }
  if (deps.settings.pinnedRevision)
    return {
      kind: 'ignored',
      reason: `this instance is pinned to ${deps.settings.pinnedRevision} (REGSYNC_REVISION); pushes do not move it`,
    };
  const decision = deps.webhooks.decide({
    event,
    body,
    branch: deps.settings.branch,
    repository: deps.settings.repository,
  });
  if (decision.kind === 'push') return { kind: 'push', ref: decision.ref, after: decision.after };
  return { kind: 'ignored', reason: decision.kind === 'ignored' ? decision.reason : 'not a push' };
}
