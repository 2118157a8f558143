/**
 * Where the elements of a JSON object's `records` array lie in its text, found in one linear
 * scan (strings skipped with `indexOf`, as jsonDepth.ts does), so a map request's records can
 * be parsed a slice at a time between turns of the event loop instead of in one
 * `JSON.parse` of the whole body (about 10 ms for 1 MB on an idle core, several times that
 * on a loaded one: docs/performance.md, "Map load").
 *
 * The scan is conservative: it answers only for text of the plain shape
 * `{ ..., "records": [ {...}, {...} ], ... }` and `undefined` for anything else (a records
 * value that is not an array, an element that is not an object, a second `records` key, an
 * escaped key, a stray or missing comma, an unterminated string, trailing text), and the
 * caller then parses the whole text as before, so every malformed or unusual body gets the
 * same answer as ever. What it does accept is valid JSON exactly when the envelope (the text
 * with the array emptied) and every element parse.
 */

/** The result of a scan that accepted the text. */
export interface RecordsSplit {
  /** The text with the records array emptied (`"records":[]`), for JSON.parse. */
  envelope: string;
  /** `[start, end)` offsets of each element of the records array (whitespace included). */
  elements: Array<[number, number]>;
}

/** What the scan found: the split, nesting past `maxDepth`, or a shape it does not judge. */
export type RecordsScan = RecordsSplit | 'too-deep' | undefined;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The index of the quote closing the string opened at `i`, or -1 when it is unterminated. */
function stringEnd(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  while (j !== -1) {
    let k = j - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--; // stops at the opening quote at the latest
    if ((j - 1 - k) % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return -1;
}

/**
 * Scans `text` for the elements of its top-level `key` array (see the file header). Nesting
 * deeper than `maxDepth` is reported as `'too-deep'` when jsonDepthExceeds would report it
 * (the same count of brackets outside strings).
 */
export function splitRecordsArray(text: string, maxDepth: number, key = 'records'): RecordsScan {
  const n = text.length;
  let depth = 0;
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== OPEN_BRACE) return undefined;
  let expectKey = false; // at depth 1: the next string is a key
  let keyIsRecords = false;
  let valueIsRecords = false; // at depth 1: the value being read is the records array's
  let inRecords = false;
  let found = false;
  let arrayStart = -1;
  let arrayEnd = -1;
  let topEnd = -1;
  let elementStart = -1;
  let afterComma = false;
  const elements: Array<[number, number]> = [];
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const j = stringEnd(text, i);
      if (j === -1) return undefined;
      if (depth === 1 && expectKey) {
        const name = text.slice(i + 1, j);
        if (name.includes('\\')) return undefined;
        keyIsRecords = name === key;
        expectKey = false;
      } else if (depth === 1 && valueIsRecords) {
        return undefined; // records is a string
      } else if (inRecords && depth === 2 && elementStart === -1) {
        return undefined; // an element that is a string, not an object
      }
      i = j;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === 0) {
        if (topEnd !== -1) return undefined; // a second value after the object
        expectKey = true;
      } else if (depth === 1 && valueIsRecords) {
        if (c !== OPEN_BRACKET || found) return undefined;
        found = true;
        inRecords = true;
        arrayStart = i;
        valueIsRecords = false;
      } else if (inRecords && depth === 2) {
        if (elementStart !== -1) {
          // A second value in one element: leave it to JSON.parse of the element.
        } else if (c !== OPEN_BRACE) return undefined;
        else elementStart = i;
      }
      if (++depth > maxDepth) return 'too-deep';
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (inRecords && depth === 1) {
        if (c !== CLOSE_BRACKET) return undefined;
        if (elementStart !== -1) elements.push([elementStart, i]);
        else if (afterComma) return undefined; // a trailing comma
        inRecords = false;
        arrayEnd = i;
      } else if (depth === 0) {
        if (c !== CLOSE_BRACE) return undefined;
        topEnd = i;
      } else if (depth < 0) return undefined;
    } else if (c === COMMA) {
      if (depth === 1) {
        expectKey = true;
        valueIsRecords = false;
      } else if (inRecords && depth === 2) {
        if (elementStart === -1) return undefined; // `[,` or `,,`
        elements.push([elementStart, i]);
        elementStart = -1;
        afterComma = true;
      } else if (depth === 0) return undefined;
    } else if (c === COLON) {
      if (depth === 1) valueIsRecords = keyIsRecords;
    } else if (!isSpace(c)) {
      if (depth === 0) return undefined; // trailing text
      if (depth === 1 && valueIsRecords) return undefined; // records is a number, true, null...
      if (inRecords && depth === 2 && elementStart === -1) return undefined; // not an object
    }
  }
  if (!found || topEnd === -1 || depth !== 0 || arrayEnd === -1) return undefined;
  return {
    envelope: text.slice(0, arrayStart + 1) + text.slice(arrayEnd),
    elements,
  };
}
