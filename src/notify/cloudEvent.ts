import { eventJson, type ChangeEventJson } from '../feed/eventJson.js';
import type { ChangeEvent } from '../feed/ports.js';

/** The CloudEvents `type` of a catalog change. */
export const CATALOG_CHANGED = 'dev.regsync.catalog.changed';

/** A CloudEvents 1.0 event in structured mode (`application/cloudevents+json`). */
export interface CatalogCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: typeof CATALOG_CHANGED;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: ChangeEventJson;
}

/**
 * The CloudEvent of a change event. `id` is the event id, unique within `source`
 * (`/regsync/catalog`), so a receiver deduplicates on the pair; `subject` is the new
 * catalog revision.
 */
export function toCloudEvent(event: ChangeEvent): CatalogCloudEvent {
  return {
    specversion: '1.0',
    id: String(event.id),
    source: '/regsync/catalog',
    type: CATALOG_CHANGED,
    subject: event.revision,
    time: event.recordedAt.toISOString(),
    datacontenttype: 'application/json',
    data: eventJson(event),
  };
}
