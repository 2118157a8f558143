/**
 * The map-load workload: a batch of Gmail `users.messages` resources (format=full) built from
 * the vendor-shaped fixture records in test/fixtures/payloads/gmail/message.json (see that
 * folder's README for their provenance), cycled with a unique id, thread id and date each.
 * What the Gmail model's mapping never reads (top-level headers it does not select, the
 * headers and base64 `body.data` of MIME parts) is dropped, so 1,000 records make about 1 MB,
 * the size the hostile review sent (issue 10, point 6); every field the mapping reads stays.
 */
import { readFileSync } from 'node:fs';

interface GmailMessage {
  id: string;
  threadId: string;
  internalDate?: string;
  payload: { headers: Array<{ name: string; value: string }>; parts?: unknown[] };
  [field: string]: unknown;
}

/** The top-level headers the Gmail model's mapping selects by name. */
const READ_HEADERS = new Set([
  'subject',
  'from',
  'to',
  'cc',
  'reply-to',
  'date',
  'message-id',
  'in-reply-to',
  'list-unsubscribe',
]);

/** `count` Gmail messages as one map request body (`{ records, mode: 'lenient' }`), serialized. */
export function gmailMapBody(count = 1000): string {
  const fixtures = JSON.parse(
    readFileSync(
      new URL('../../test/fixtures/payloads/gmail/message.json', import.meta.url),
      'utf8',
    ),
  ) as GmailMessage[];
  const records: GmailMessage[] = [];
  for (let i = 0; i < count; i++) {
    const base = fixtures[i % fixtures.length] as GmailMessage;
    const id = (0x18dc000000000000n + BigInt(i)).toString(16);
    records.push({
      ...base,
      id,
      threadId: id,
      internalDate: String(1708331667000 + i * 60_000),
      payload: {
        ...base.payload,
        headers: base.payload.headers.filter((h) => READ_HEADERS.has(h.name.toLowerCase())),
        ...(base.payload.parts ? { parts: base.payload.parts.map(withoutData) } : {}),
      },
    });
  }
  return JSON.stringify({ records, mode: 'lenient' });
}

/** A MIME part without its headers and base64 body data (and so its sub-parts'). */
function withoutData(part: unknown): unknown {
  if (typeof part !== 'object' || part === null) return part;
  const {
    body,
    parts,
    headers: _headers,
    ...rest
  } = part as {
    body?: Record<string, unknown>;
    parts?: unknown[];
    headers?: unknown;
  };
  const out: Record<string, unknown> = { ...rest };
  if (body) {
    const { data: _data, ...kept } = body;
    out.body = kept;
  }
  if (parts) out.parts = parts.map(withoutData);
  return out;
}
