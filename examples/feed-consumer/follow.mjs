#!/usr/bin/env node
/**
 * A consumer of Regsync's change feed, in one file: it maps vendor records in-process with
 * `regsync/mapping`, and follows `GET /api/v1/events` (Server-Sent Events) with the typed
 * client `regsync/client` so that when the integration's manifest changes it re-reads it,
 * recompiles the mapping and maps its batch again. A dropped stream is resumed with
 * `Last-Event-ID`; an `expired` event (the cursor fell out of the feed's retention) makes
 * it re-read the catalog and reconnect without one. Output: one JSON object per line.
 *
 *   node examples/feed-consumer/follow.mjs --url http://localhost:8080 \
 *     --integration stripe --model customer \
 *     --payload test/fixtures/vendor/stripe/customer.payload.json
 *
 * See README.md beside this file.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, TextDecoder } from 'node:util';
import { createRegsyncClient } from 'regsync/client';
import { applyMappingBatch, compileModelMapping, MappingCache, recordsOf } from 'regsync/mapping';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:8080' },
    integration: { type: 'string', default: 'stripe' },
    model: { type: 'string', default: 'customer' },
    payload: { type: 'string' },
    'last-event-id': { type: 'string' },
    'max-events': { type: 'string' },
  },
});
if (!options.payload) {
  process.stderr.write('follow: --payload <vendor response .json> is required\n');
  process.exit(2);
}
const payload = JSON.parse(readFileSync(options.payload, 'utf8'));
const maxEvents = options['max-events'] ? Number(options['max-events']) : Infinity;
const regsync = createRegsyncClient(options.url);
// Compiled mappings by manifest checksum: a checksum names exact content, so an entry
// never goes stale, and an event that does not change our manifest costs no compile.
const cache = new MappingCache({ capacity: 8 });
let current; // { checksum, compiled } of the manifest we map with now

const say = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

/** Reads the integration from the catalog and (re)compiles its model's mapping if it changed. */
async function refresh(why) {
  const { data, error, response } = await regsync.GET('/api/v1/integrations/{key}', {
    params: { path: { key: options.integration } },
  });
  if (!data) {
    say({ type: 'unavailable', why, status: response.status, code: error?.code });
    current = undefined;
    return;
  }
  if (current?.checksum === data.checksum) return;
  let compiled = cache.get(data.checksum, options.model);
  if (!compiled) {
    const result = compileModelMapping(data, options.model);
    if (!result.ok) {
      say({ type: 'unmappable', why, checksum: data.checksum, message: result.message });
      current = undefined;
      return;
    }
    compiled = result.compiled;
    cache.set(data.checksum, options.model, compiled);
  }
  current = { checksum: data.checksum, compiled };
  say({ type: 'compiled', why, revision: data.revision, checksum: data.checksum });
  mapBatch();
}

/** Maps the batch in-process with the current mapping. */
function mapBatch() {
  if (!current) return;
  const batch = applyMappingBatch(current.compiled, recordsOf(current.compiled, payload));
  say({
    type: 'mapped',
    checksum: current.checksum,
    ok: batch.okCount,
    failed: batch.failedCount,
    first: batch.results[0]?.attributes,
  });
}

/** Splits an SSE byte stream into events (`id`, `event`, `data` of each frame). */
async function* sseEvents(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { id: undefined, event: 'message', data: [] };
      for (const line of frame.split('\n')) {
        if (line === '' || line.startsWith(':')) continue; // heartbeat comments
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') event.id = value;
        else if (field === 'event') event.event = value;
        else if (field === 'data') event.data.push(value);
      }
      if (event.data.length > 0 || event.id !== undefined) yield event;
    }
  }
}

/** Follows the feed until `maxEvents` change events were handled; reconnects on a drop. */
async function follow() {
  let lastEventId = options['last-event-id'];
  let handled = 0;
  for (;;) {
    const headers = { Accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    try {
      const { response, error } = await regsync.GET('/api/v1/events', {
        headers,
        parseAs: 'stream',
      });
      if (!response.ok || !response.body) {
        say({ type: 'feed-refused', status: response.status, code: error?.code });
        await sleep(2000);
        continue;
      }
      say({ type: 'listening', after: lastEventId ?? null });
      for await (const frame of sseEvents(response.body)) {
        if (frame.event === 'expired') {
          // Events we missed are gone: read the catalog afresh, then follow from now.
          say({ type: 'expired', data: JSON.parse(frame.data.join('\n')) });
          lastEventId = undefined;
          await refresh('feed-expired');
          break;
        }
        if (frame.event !== 'change') continue;
        lastEventId = frame.id;
        const event = JSON.parse(frame.data.join('\n'));
        const ours = event.changes.find(
          (c) => c.kind === 'integration' && c.key === options.integration,
        );
        say({ type: 'event', id: event.id, revision: event.revision, ours: ours?.change ?? null });
        if (ours) await refresh(`event ${event.id}: ${ours.change}`);
        if (++handled >= maxEvents) return;
      }
    } catch (error) {
      say({ type: 'disconnected', message: String(error?.message ?? error) });
    }
    // The stream ended or broke: resume after the last event seen (what EventSource does).
    await sleep(1000);
  }
}

await refresh('start');
await follow();
