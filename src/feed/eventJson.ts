import type { ChangeEvent } from './ports.js';

/** A change event as the API, the SSE `data` and the webhook's CloudEvent `data` carry it. */
export interface ChangeEventJson {
  id: number;
  revision: string;
  previousRevision: string | null;
  recordedAt: string;
  counts: { added: number; updated: number; removed: number };
  changes: ChangeEvent['changes'];
}

/** The one serializer of a change event (SSE, `GET /events` JSON, CloudEvents `data`). */
export function eventJson(event: ChangeEvent): ChangeEventJson {
  const counts = { added: 0, updated: 0, removed: 0 };
  for (const change of event.changes) counts[change.change]++;
  return {
    id: event.id,
    revision: event.revision,
    previousRevision: event.previousRevision,
    recordedAt: event.recordedAt.toISOString(),
    counts,
    changes: event.changes,
  };
}
