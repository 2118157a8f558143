// The REST API (/api/v1) as the page uses it, and RFC 9457 problems turned into plain words.

/** An error the page can show: `message` is a sentence for people, the rest is detail. */
export class ApiError extends Error {
  constructor(message, { status = 0, code = 'NETWORK', details = [], requestId } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

const PLAIN = {
  NOT_FOUND: (p) => `Not found: ${p.detail ?? 'there is no such item'}. It may have been removed from the registry.`,
  ROUTE_NOT_FOUND: () => 'This address is not part of the Regsync API (the page and the service may be different versions).',
  NOT_READY: () => 'The service is still starting up (it is opening its database). Try again in a few seconds.',
  DATABASE_UNAVAILABLE: () => 'The service cannot reach its database right now. Try again in a moment.',
  VALIDATION_FAILED: () => 'The request was not accepted because some of it is invalid:',
  INVALID_QUERY: () => 'The search parameters were not accepted:',
  MALFORMED_JSON: () => 'The service could not read the request as JSON.',
  JSON_TOO_DEEP: () => 'The payload is nested too deeply for this service; flatten it or send a smaller record.',
  PAYLOAD_TOO_LARGE: () => 'The payload is too large for this service; send fewer or smaller records.',
  UNSUPPORTED_MEDIA_TYPE: () => 'The request was not sent as JSON.',
  UNAUTHORIZED: () => 'This action needs an administrator token.',
  INTERNAL: () => 'Something went wrong inside the service. If it keeps happening, report it with the request id below.',
};

/** A sentence for a problem body (or any JSON error body). */
export function describeProblem(problem, status) {
  const plain = PLAIN[problem?.code];
  if (plain) return plain(problem);
  if (problem?.detail) return `The service refused the request (${status}): ${problem.detail}`;
  return `The service answered with an error (HTTP ${status}).`;
}

async function request(path, init) {
  let res;
  try {
    res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init?.headers ?? {}) } });
  } catch {
    throw new ApiError('Could not reach the Regsync service. Check that it is running and that you are online, then try again.');
  }
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json().catch(() => undefined) : undefined;
  if (!res.ok) {
    const details = Array.isArray(body?.errors) ? body.errors.map((e) => `${e.pointer || '(body)'}: ${e.message}`) : [];
    throw new ApiError(describeProblem(body, res.status), { status: res.status, code: body?.code ?? `HTTP_${res.status}`, details, requestId: body?.requestId ?? res.headers.get('x-request-id') ?? undefined });
  }
  if (body === undefined) throw new ApiError(`The service answered ${path} with something other than JSON.`, { status: res.status, code: 'NOT_JSON' });
  return body;
}

/** GET a JSON resource. */
export const getJson = (path) => request(path);

/** POST a JSON body. */
export const postJson = (path, body) => request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** Every page of a cursor-paginated listing. */
export async function getAll(path) {
  const items = [];
  let cursor = null;
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 0; page < 50; page++) {
    const body = await getJson(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...body.items);
    cursor = body.next;
    if (!cursor) break;
  }
  return items;
}

const cache = new Map();

/** A definition (`integration` or `template`) in full, cached for the life of the page. */
export function getDefinition(kind, key) {
  const path = `/api/v1/${kind === 'integration' ? 'integrations' : 'templates'}/${encodeURIComponent(key)}`;
  if (!cache.has(path)) {
    const pending = getJson(path);
    cache.set(path, pending);
    pending.catch(() => cache.delete(path));
  }
  return cache.get(path);
}

/** Integrations and templates, cached for the life of the page. */
export function getCatalog() {
  if (!cache.has('catalog')) {
    const pending = Promise.all([getAll('/api/v1/integrations'), getAll('/api/v1/templates')]).then(([integrations, templates]) => ({ integrations, templates }));
    cache.set('catalog', pending);
    pending.catch(() => cache.delete('catalog'));
  }
  return cache.get('catalog');
}
