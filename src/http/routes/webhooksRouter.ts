import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { ApiError } from '../ApiError.js';
import { readJsonBody } from '../middleware/readJsonBody.js';

/**
 * `POST /webhooks/github`: GitHub's push webhook. The signature (`X-Hub-Signature-256`,
 * HMAC-SHA256 of the raw body bytes with REGSYNC_WEBHOOK_SECRET) is checked before the body
 * is parsed; without a configured secret the route does not exist (404). A push to the
 * followed branch starts a sync (202 with the run id); anything else is acknowledged and
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
      if (deps.settings.pinnedRevision) {
        res.status(202).json({
          status: 'ignored',
          delivery,
          reason: `this instance is pinned to ${deps.settings.pinnedRevision} (REGSYNC_REVISION); pushes do not move it`,
        });
        return;
      }
      const decision = deps.webhooks.decide({
        event,
        body: req.body,
        branch: deps.settings.branch,
        repository: deps.settings.repository,
      });
      if (decision.kind !== 'push') {
        res.status(202).json({
          status: 'ignored',
          delivery,
          reason: decision.kind === 'ignored' ? decision.reason : 'not a push',
        });
        return;
      }
      const started = deps.sync.start({ trigger: 'webhook' });
      deps.logger
        .child({ reqId: res.locals.ctx?.requestId })
        .info(
          { delivery, ref: decision.ref, after: decision.after, runId: started.id },
          'push webhook: sync started',
        );
      const location = `/api/v1/sync/runs/${started.id}`;
      res.status(202).setHeader('Location', location);
      res.json({ status: 'accepted', delivery, runId: started.id, location });
    },
  );
  return router;
}
