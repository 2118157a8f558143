import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { ApiError, validationError, type FieldError } from '../ApiError.js';
import { requireAdmin } from '../middleware/requireAdmin.js';
import { PAGE_LIMITS } from '../openapi/pageLimits.js';
import type { Delivery, DeliveryStatus } from '../../notify/ports.js';
import { parseLimit, single } from './listQuery.js';

const STATUSES: DeliveryStatus[] = ['pending', 'delivered', 'failed', 'refused'];

/** The page cursor: base64url of `[eventId, receiver]`, the sort key of the last row. */
function encodeCursor(d: Delivery): string {
  return Buffer.from(JSON.stringify([d.eventId, d.receiver])).toString('base64url');
}

function decodeCursor(raw: string): [number, string] | undefined {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string'
    )
      return [value[0] as number, value[1]];
  } catch {
    // Not ours: reported below.
  }
  return undefined;
}

function deliveryJson(d: Delivery) {
  return {
    id: d.id,
    eventId: d.eventId,
    receiver: d.receiver,
    status: d.status,
    attemptCount: d.attemptCount,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/**
 * `GET /notifications/deliveries` (admin): the outbound webhook delivery log, one row per
 * event and receiver with every attempt, oldest event first, paged by `cursor`.
 */
export function deliveriesRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/deliveries', requireAdmin(deps.settings.adminToken), async (req, res) => {
    const store = deps.deliveries;
    if (!store) throw new ApiError('NOT_FOUND', 'this instance keeps no delivery log');
    const errors: FieldError[] = [];
    const limit = parseLimit(req, errors, PAGE_LIMITS.events.default, PAGE_LIMITS.events.max);
    const status = single(req, 'status', errors);
    if (status !== undefined && !STATUSES.includes(status as DeliveryStatus))
      errors.push({
        pointer: '/query/status',
        rule: 'enum',
        message: `status must be one of ${STATUSES.join(', ')}`,
      });
    const rawCursor = single(req, 'cursor', errors);
    const after = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
    if (rawCursor !== undefined && !after)
      errors.push({
        pointer: '/query/cursor',
        rule: 'cursor',
        message: 'cursor must be the nextCursor of a previous page',
      });
    if (errors.length > 0) throw validationError(errors, 'query');
    const items = await store.list({
      limit: limit + 1,
      ...(after ? { after } : {}),
      ...(status ? { status: status as DeliveryStatus } : {}),
    });
    const page = items.slice(0, limit);
    const last = page.at(-1);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      items: page.map(deliveryJson),
      nextCursor: items.length > limit && last ? encodeCursor(last) : null,
    });
  });
  return router;
}
