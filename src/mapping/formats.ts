import { UUID_PATTERN } from '../manifest/uuid.js';
import { INVALID, isCanonicalIso, parseIsoTime } from './coerceValue.js';

/**
 * String formats an attribute's `validation.format` may name, each a small check compiled
 * once (no ajv per field). Deliberately practical rather than RFC-complete: they catch
 * mapping mistakes (a name where an email belongs), not every malformed address.
 */
export const FORMAT_CHECKS: Readonly<Record<string, (value: string) => boolean>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, (value: string) => boolean>, {
    email: matches(/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u, 254),
    uri: matches(/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/u, 8192),
    url: matches(/^https?:\/\/[^\s/?#]+(?:[/?#][^\s]*)?$/iu, 8192),
    uuid: matches(UUID_PATTERN, 36),
    date: (s: string) =>
      (s.length === 10 && isCanonicalIso(s)) ||
      (/^\d{4}-\d{2}-\d{2}$/u.test(s) && parseIsoTime(s) !== INVALID),
    'date-time': (s: string) =>
      (s.length === 24 && isCanonicalIso(s)) ||
      (/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/u.test(s) &&
        parseIsoTime(s) !== INVALID),
    time: matches(
      /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/u,
      40,
    ),
    hostname: matches(
      /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/u,
      253,
    ),
    ipv4: matches(
      /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/u,
      15,
    ),
    ipv6: isIpv6,
    phone: (s: string) => s.length <= 32 && /^\+?[0-9 ().-]{7,32}$/u.test(s) && countDigits(s) >= 7,
    'iso-country': matches(/^[A-Z]{2}$/u, 2),
    'iso-currency': matches(/^[A-Z]{3}$/u, 3),
  }),
);

/** A check by regular expression, refusing strings longer than `max` before matching. */
function matches(re: RegExp, max: number): (value: string) => boolean {
  return (s) => s.length <= max && re.test(s);
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

const HEXTET = /^[0-9A-Fa-f]{1,4}$/u;

/** IPv6 text form (RFC 4291 section 2.2), with an optional dotted IPv4 tail. */
function isIpv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!FORMAT_CHECKS.ipv4?.(last)) return false;
    all.pop();
    count += 1; // an IPv4 tail fills two groups
  }
  if (!all.every((g) => HEXTET.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** The check for a format name, or undefined when the format is unknown. */
export function formatCheck(name: string): ((value: string) => boolean) | undefined {
  return Object.hasOwn(FORMAT_CHECKS, name) ? FORMAT_CHECKS[name] : undefined;
}
