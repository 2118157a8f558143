import { pluginFailure, pluginValue, type MappingPlugin } from './MappingPlugin.js';

/** Longest input read; the rest is ignored (bounds the work per value). */
export const HTML_MAX_INPUT = 1_000_000;

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
const RAW_TEXT_TAGS = new Set(['script', 'style', 'head', 'title', 'template', 'noscript']);
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['copy', '©'],
  ['reg', '®'],
  ['trade', '™'],
  ['hellip', '…'],
  ['mdash', '—'],
  ['ndash', '–'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['bull', '•'],
  ['middot', '·'],
  ['euro', '€'],
  ['pound', '£'],
  ['yen', '¥'],
  ['cent', '¢'],
  ['eacute', 'é'],
  ['egrave', 'è'],
  ['agrave', 'à'],
  ['ccedil', 'ç'],
  ['uuml', 'ü'],
  ['ouml', 'ö'],
  ['auml', 'ä'],
  ['szlig', 'ß'],
]);

/**
 * `html-to-text`: plain text of an HTML fragment (email bodies). One linear pass, no
 * regular expressions over the markup: tags are dropped, block tags become line breaks,
 * `script`/`style`/`head` content and comments are dropped, entities are decoded, source
 * whitespace collapses as a browser would (`<br>` is a line break, block boundaries one
 * line break, at most one empty line in a row). Input beyond 1,000,000 characters is ignored.
 */
export const htmlToText: MappingPlugin = {
  name: 'html-to-text',
  description: 'Strips HTML tags and decodes entities, keeping line breaks of block elements.',
  output: 'string',
  apply(value) {
    if (typeof value !== 'string') return pluginFailure('expects a string');
    return pluginValue(
      convertHtml(value.length > HTML_MAX_INPUT ? value.slice(0, HTML_MAX_INPUT) : value),
    );
  },
};

/** The text of an HTML string; exported for tests. */
export function convertHtml(html: string): string {
  const out: string[] = [];
  let i = 0;
  const n = html.length;
  // First ">" after the current "<", reused while later "<" come before it (keeps "<<<<" linear).
  let nextGt = -1;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) out.push(text(html.slice(i, textEnd)));
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (nextGt <= lt) nextGt = html.indexOf('>', lt + 1);
    const gt = nextGt;
    if (gt < 0) {
      out.push(text(html.slice(lt)));
      break;
    }
    const name = tagName(html, lt + 1, gt);
    if (name === '') {
      // "a < b" or "<>": not a tag, keep the bracket as text.
      out.push('<');
      i = lt + 1;
      continue;
    }
    const closing = html[lt + 1] === '/';
    if (!closing && RAW_TEXT_TAGS.has(name)) {
      i = skipRawText(html, gt + 1, name);
      continue;
    }
    if (name === 'br') out.push('\n');
    else if (BLOCK_TAGS.has(name)) out.push(BLOCK);
    i = gt + 1;
  }
  // Runs of block boundaries (with only spaces between) are one line break; split/filter
  // rather than a regular expression, which would backtrack over long runs of spaces.
  const lines = out
    .join('')
    .split(BLOCK)
    .filter((part) => /[^ ]/u.test(part));
  return tidy(lines.join('\n'));
}

/** Marks a block boundary; runs of them become one line break. */
const BLOCK = '\u2029'; // paragraph separator: source text never keeps one (it is whitespace)

/** Source text: whitespace (newlines included) is one space in HTML, then entities are decoded. */
function text(raw: string): string {
  return decodeEntities(raw.replace(/\s+/gu, ' '));
}

/** Lower-cased tag name starting at `from` (after `<`, skipping `/`), or "" when not a tag. */
function tagName(html: string, from: number, end: number): string {
  let k = from;
  if (html[k] === '/') k++;
  if (html[k] === '!' || html[k] === '?') return '!';
  const start = k;
  while (k < end && k - start < 20) {
    const c = html.charCodeAt(k);
    const letter =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (k > start && c >= 48 && c <= 57);
    if (!letter) break;
    k++;
  }
  return html.slice(start, k).toLowerCase();
}

/** Index after the closing `</name ...>` of a raw-text element, or the end of input. */
function skipRawText(html: string, from: number, name: string): number {
  const closer = new RegExp(`</${name}[\\s>/]`, 'giu');
  closer.lastIndex = from;
  const m = closer.exec(html);
  if (!m) return html.length;
  const gt = html.indexOf('>', m.index);
  return gt < 0 ? html.length : gt + 1;
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const amp = text.indexOf('&', i);
    if (amp < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, amp);
    let semi = -1;
    for (let k = amp + 1; k < text.length && k <= amp + 12; k++) {
      if (text[k] === ';') {
        semi = k;
        break;
      }
    }
    const body = semi > amp ? text.slice(amp + 1, semi) : '';
    const decoded = body === '' ? undefined : decodeEntity(body);
    if (decoded === undefined) {
      out += '&';
      i = amp + 1;
    } else {
      out += decoded;
      i = semi + 1;
    }
  }
  return out;
}

function decodeEntity(body: string): string | undefined {
  if (body[0] === '#') {
    const hex = body[1] === 'x' || body[1] === 'X';
    const digits = body.slice(hex ? 2 : 1);
    if (!(hex ? /^[0-9a-fA-F]{1,6}$/u : /^[0-9]{1,7}$/u).test(digits)) return undefined;
    const cp = Number.parseInt(digits, hex ? 16 : 10);
    const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    return valid ? String.fromCodePoint(cp) : '\uFFFD';
  }
  return NAMED_ENTITIES.get(body);
}

/** Collapses blank runs inside lines, trims lines, keeps at most one empty line in a row (from `<br><br>`). */
function tidy(text: string): string {
  const lines: string[] = [];
  let blank = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[ \t\f\v\r\u00a0]+/gu, ' ').trim();
    if (line === '') {
      if (lines.length > 0) blank = true;
      continue;
    }
    if (blank) lines.push('');
    blank = false;
    lines.push(line);
  }
  return lines.join('\n');
}
