import { validationError } from './ApiError.js';
import { parseJsonText, tooDeep } from './middleware/readJsonBody.js';
import type { BodyCheck } from './openapi/validateBody.js';
import { splitRecordsArray } from './splitRecordsArray.js';

/** How parseMapBody checks and paces its work. */
export interface MapBodyOptions<T> {
  maxDepth: number;
  /** The request schema's check (validateBody.ts). */
  validate: (body: unknown) => BodyCheck<T>;
  /** Records parsed between two turns of the event loop. */
  sliceSize: number;
  /** Hands the event loop back (setImmediate). */
  yieldToEventLoop: () => Promise<void>;
}

/**
 * Parses and checks a map request's body text, with the records parsed `sliceSize` at a time
 * and the event loop handed back between slices, so a 1 MB batch never holds the loop for
 * the whole of one JSON.parse (docs/performance.md, "Map load"). The envelope (every member
 * but the records) is parsed and checked first, against the schema with the records counted
 * but not yet read. Whatever the fast path does not vouch for (an odd shape, an envelope that
 * fails the schema, a record that does not parse) is answered by the whole-body path (depth
 * scan, JSON.parse, schema check), so every refusal is the one the body always got: 400
 * JSON_TOO_DEEP, MALFORMED_JSON or VALIDATION_FAILED with the same message and pointers.
 */
export async function parseMapBody<T extends { records: unknown[] }>(
  text: string,
  options: MapBodyOptions<T>,
): Promise<T> {
  const whole = (): T => {
    const checked = options.validate(parseJsonText(text, options.maxDepth));
    if (!checked.ok) throw validationError(checked.errors);
    return checked.value;
  };
  const scan = splitRecordsArray(text, options.maxDepth);
  if (scan === 'too-deep') throw tooDeep(options.maxDepth);
  if (scan === undefined) return whole();
  let envelope: Record<string, unknown>;
  try {
    envelope = JSON.parse(scan.envelope) as Record<string, unknown>;
  } catch {
    return whole();
  }
  const count = scan.elements.length;
  // The schema's only rule on an element is `type: object`, which the scan has vouched for
  // (every element starts with `{` and must parse below): one empty object stands for all.
  const placeholder = {};
  const counted = options.validate({
    ...envelope,
    records: Array.from({ length: count }, () => placeholder),
  });
  if (!counted.ok) return whole();
  const records: unknown[] = new Array(count);
  for (let index = 0; index < count; index++) {
    if (index > 0 && index % options.sliceSize === 0) await options.yieldToEventLoop();
    const [start, end] = scan.elements[index] as [number, number];
    try {
      records[index] = JSON.parse(text.slice(start, end));
    } catch {
      return whole();
    }
  }
  envelope.records = records;
  return envelope as T;
}
