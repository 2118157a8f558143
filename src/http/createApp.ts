import express, { Router, type Express } from 'express';
import type { AppDeps } from './AppDeps.js';
import { errorHandler } from './errorHandler.js';
import { accessLog, markMount } from './middleware/requestContext.js';
import { refuseUnstorableText } from './middleware/refuseUnstorableText.js';
import { afterDeadline, requestDeadline } from './middleware/requestDeadline.js';
import { inSequence } from './middleware/inSequence.js';
import { noSniff } from './middleware/noSniff.js';
import { validateQuery } from './middleware/validateQuery.js';
import { servedDocument } from './openapi/document.js';
import { definitionsRouter } from './routes/definitionsRouter.js';
import { entityTypesRouter } from './routes/entityTypesRouter.js';
import { eventsRouter } from './routes/eventsRouter.js';
import { deliveriesRouter } from './routes/deliveriesRouter.js';
import { manifestsRouter } from './routes/manifestsRouter.js';
import { unmatchedRequest } from './routes/methodNotAllowed.js';
import { mapRouter } from './routes/mapRouter.js';
import { rootRouter } from './routes/rootRouter.js';
import { catalogFastPath } from './routes/serveCatalog.js';
import { userDataRouter } from './routes/connectionsRouter.js';
import { connectionImportRouter } from './routes/connectionImportRouter.js';
import { syncRouter } from './routes/syncRouter.js';
import { webhooksRouter } from './routes/webhooksRouter.js';
import { createWebRouter } from '../web/createWebRouter.js';
import { catalogFrontDoor, serveBeforeExpress } from './frontDoor.js';

/**
 * The Express 5 application: access log and request ids first, the root probes, the
 * versioned API under `/api/v1`, then 404 for anything else and the one error handler.
 * Pure wiring of routers; it opens nothing and listens on nothing (see startHttpServer).
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // ETags are ours (revision-based, on catalog reads only), not Express's body hashes.
  app.set('etag', false);
  app.set('query parser', 'simple');
  // Cached catalog reads without a query are answered before Express (frontDoor.ts).
  serveBeforeExpress(app, catalogFrontDoor(deps));

  // The per-request front, in this order, as one layer (inSequence.ts): access log and request
  // id, nosniff, the deadline, the unstorable-text check, then the catalog cache (it holds
  // /api/v1 URLs only, so any other URL misses it and goes on to the routers).
  app.use(
    inSequence([
      accessLog({
        logger: deps.logger,
        write: deps.accessLine,
        onFinish: (info) => deps.metrics.httpRequest(info),
      }),
      noSniff,
      ...(deps.settings.requestTimeoutMs
        ? [requestDeadline(deps.settings.requestTimeoutMs, errorHandler)]
        : []),
      refuseUnstorableText(),
      catalogFastPath(deps),
    ]),
  );
  const checkQuery = validateQuery(servedDocument(deps.settings));
  // The map route first, with its own query check: a map request, the hot POST, meets no
  // other router's layers on its way (no other route shares its path).
  app.use('/api/v1/integrations', mapRouter(deps, checkQuery));
  app.use(rootRouter(deps));

  const api = Router();
  api.use(markMount, userDataRouter(deps)); // users' connections, workspaces (before /integrations: it owns /integrations/:key/connections)
  api.use(markMount, connectionImportRouter(deps)); // POST /connections/import (admin)
  api.use('/integrations', markMount, definitionsRouter(deps, 'integration'));
  api.use('/templates', markMount, definitionsRouter(deps, 'template'));
  api.use('/entity-types', markMount, entityTypesRouter(deps));
  api.use('/sync', markMount, syncRouter(deps));
  api.use('/manifests', markMount, manifestsRouter(deps));
  api.use('/webhooks', markMount, webhooksRouter(deps));
  api.use('/events', markMount, eventsRouter(deps));
  api.use('/notifications', markMount, deliveriesRouter(deps));
  // After the cache fast path (it only holds URLs that passed this check), before any route.
  app.use('/api/v1', checkQuery, api);

  app.use(createWebRouter());
  app.use(unmatchedRequest());
  app.use(afterDeadline);
  app.use(errorHandler);
  return app;
}
