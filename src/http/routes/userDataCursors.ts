/**
 * The keyset cursors of the user-data lists (keysetCursor.ts): a connection of a user's
 * listing is at (connectedAt, id), one of the admin listing at (userId, connectedAt, id), a
 * workspace at (createdAt, id). Decoding checks each part's form before it reaches a query:
 * a forged cursor with a non-uuid id or a bad timestamp is a 400, never a database error.
 */
import type { Request } from 'express';
import type { ConnectionPosition } from '../../connections/ports.js';
import type { WorkspacePosition } from '../../workspaces/ports.js';
import { isUuid } from '../../manifest/uuid.js';
import { unstorableReason } from '../middleware/refuseUnstorableText.js';
import { PAGE_LIMITS } from '../openapi/pageLimits.js';
import type { FieldError } from '../ApiError.js';
import { encodeKeyset, readPage } from './keysetCursor.js';

/** Longest user id the proxy may send (connectionsAuth.ts); longer is no cursor of ours. */
const MAX_USER_ID = 200;

/** The instant an ISO-8601 timestamp of `Date#toISOString` names, or undefined. */
function instant(text: string): Date | undefined {
  const date = new Date(text);
  return Number.isFinite(date.getTime()) && date.toISOString() === text ? date : undefined;
}

const rowId = (text: string) => isUuid(text) && text === text.toLowerCase();
const userId = (text: string) =>
  text.length > 0 && text.length <= MAX_USER_ID && unstorableReason(text) === undefined;

/**
 * A page of a listing keyed by (timestamp, row id): a user's connections and the workspaces
 * share this form, so they share its checks.
 */
function readInstantIdPage(
  req: Request,
  errors: FieldError[],
): { limit: number; after?: { at: Date; id: string } } {
  const page = readPage(
    req,
    errors,
    PAGE_LIMITS.userData,
    2,
    ([at, id]) => instant(at!) !== undefined && rowId(id!),
  );
  if (!page.after) return { limit: page.limit };
  const [at, id] = page.after as [string, string];
  return { limit: page.limit, after: { at: instant(at)!, id } };
}

/** `limit` and `cursor` of `GET /users/{userId}/connections`. */
export function readUserConnectionsPage(
  req: Request,
  errors: FieldError[],
  user: string,
): { limit: number; after?: ConnectionPosition } {
  const { limit, after } = readInstantIdPage(req, errors);
  return after
    ? { limit, after: { userId: user, connectedAt: after.at, id: after.id } }
    : { limit };
}

/** The cursor after `position` in a user's connection listing. */
export function userConnectionsCursor(position: ConnectionPosition | null): string | null {
  return position ? encodeKeyset([position.connectedAt.toISOString(), position.id]) : null;
}

/** `limit` and `cursor` of the admin `GET /integrations/{key}/connections`. */
export function readTypeConnectionsPage(
  req: Request,
  errors: FieldError[],
): { limit: number; after?: ConnectionPosition } {
  const page = readPage(
    req,
    errors,
    PAGE_LIMITS.userData,
    3,
    ([user, at, id]) => userId(user!) && instant(at!) !== undefined && rowId(id!),
  );
  if (!page.after) return { limit: page.limit };
  const [user, at, id] = page.after as [string, string, string];
  return { limit: page.limit, after: { userId: user, connectedAt: instant(at)!, id } };
}

/** The cursor after `position` in the admin listing of one integration's connections. */
export function typeConnectionsCursor(position: ConnectionPosition | null): string | null {
  return position
    ? encodeKeyset([position.userId, position.connectedAt.toISOString(), position.id])
    : null;
}

/** `limit` and `cursor` of `GET /workspaces`. */
export function readWorkspacesPage(
  req: Request,
  errors: FieldError[],
): { limit: number; after?: WorkspacePosition } {
  const { limit, after } = readInstantIdPage(req, errors);
  return after ? { limit, after: { createdAt: after.at, id: after.id } } : { limit };
}

/** The cursor after `position` in an owner's workspace listing. */
export function workspacesCursor(position: WorkspacePosition | null): string | null {
  return position ? encodeKeyset([position.createdAt.toISOString(), position.id]) : null;
}
