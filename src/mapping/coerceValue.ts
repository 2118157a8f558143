import type { CoerceTarget, TimeInput } from '../manifest/types.js';
import { parseRfc5322Date } from './parseRfc5322Date.js';

/** Returned by a coercion that does not accept its input. */
export const INVALID: unique symbol = Symbol('invalid');
/** The type of INVALID. */
export type Invalid = typeof INVALID;

/** Options of one `coerce` transform. */
export interface CoerceOptions {
  from?: TimeInput;
  minorUnits?: number;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** Epoch numbers whose absolute value is below this are seconds under `from: auto`. */
const AUTO_SECONDS_BELOW = 1e11;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the range ISO 8601 `YYYY` covers. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses a trimmed, non-empty decimal numeral; INVALID otherwise. Never reads hex, `Infinity` or ``. */
export function parseNumeric(text: string): number | Invalid {
  const t = text.trim();
  if (t.length === 0 || t.length > 400) return INVALID;
  // Number() reads every decimal numeral (`[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`) and, beyond them, only the hex, binary and
  // octal literals (`0x..`, `0b..`, `0o..`, told by their second character) and Infinity
  // (not finite). Refusing those two is the same rule as the pattern at a fraction of the
  // cost: this runs for every numeric coercion (a profiled hot spot).
  const second = t.charCodeAt(1) | 0x20;
  if (second === 0x78 || second === 0x62 || second === 0x6f) return INVALID;
  const n = Number(t);
  return Number.isFinite(n) ? n : INVALID;
}

/**
 * True for a number, or a numeric string, whose magnitude is 2^53 or more: there a double
 * no longer holds every integer, so `9007199254740993` reads as `...992`. Every numeric
 * coercion refuses such a value (README "Numbers beyond 2^53") rather than round it.
 */
export function isBeyondSafeRange(value: unknown): boolean {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' ? parseNumeric(value) : INVALID;
  return typeof n === 'number' && Math.abs(n) > Number.MAX_SAFE_INTEGER;
}

/** A finite number within +-(2^53 - 1), from a number or a numeric string; INVALID otherwise. */
function toNumber(value: unknown): number | Invalid {
  let n: number | Invalid;
  if (typeof value === 'number') n = Number.isFinite(value) ? value : INVALID;
  else if (typeof value === 'string') n = parseNumeric(value);
  else return INVALID;
  return n !== INVALID && Math.abs(n) > Number.MAX_SAFE_INTEGER ? INVALID : n;
}

/** Rounds to `digits` decimals the way `Number.prototype.toFixed` does. */
export function roundTo(value: number, digits: number): number {
  const r = Number(value.toFixed(digits));
  return r === 0 ? 0 : r; // no -0 in outputs
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function twoDigits(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * True when `s` is already in the engine's output form, `YYYY-MM-DD` (length 10) or
 * `YYYY-MM-DDTHH:mm:ss.sssZ` (length 24), with a real calendar date and time. The fast
 * path of date coercion and validation: no regular expression, no Date, no allocation.
 */
export function isCanonicalIso(s: string): boolean {
  const n = s.length;
  if (n !== 10 && n !== 24) return false;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false; // '-'
  const hi = twoDigits(s, 0);
  const lo = twoDigits(s, 2);
  const mo = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  if (hi < 0 || lo < 0 || mo < 1 || mo > 12 || d < 1 || d > (DAYS[mo - 1] ?? 0)) return false;
  if (mo === 2 && d === 29 && !isLeap(hi * 100 + lo)) return false;
  if (n === 10) return true;
  if (
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 ||
    s.charCodeAt(23) !== 90
  ) {
    return false; // 'T', ':', ':', '.', 'Z'
  }
  const h = twoDigits(s, 11);
  const mi = twoDigits(s, 14);
  const sec = twoDigits(s, 17);
  return (
    h >= 0 &&
    h <= 23 &&
    mi >= 0 &&
    mi <= 59 &&
    sec >= 0 &&
    sec <= 59 &&
    digit(s, 20) >= 0 &&
    digit(s, 21) >= 0 &&
    digit(s, 22) >= 0
  );
}

/** Epoch milliseconds of an ISO 8601 date or date-time (no offset means UTC); INVALID when malformed. */
export function parseIsoTime(text: string): number | Invalid {
  if (text.length > 40) return INVALID;
  const m = ISO.exec(text);
  if (!m) return INVALID;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > (DAYS[mo - 1] ?? 0) || (mo === 2 && d === 29 && !isLeap(y)))
    return INVALID;
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || s > 59) return INVALID;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  let offset = 0;
  const z = m[8];
  if (z !== undefined && z !== 'Z' && z !== 'z') {
    const digits = z.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return INVALID;
    offset = (z[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // setUTCFullYear keeps years 0-99 literal, unlike Date.UTC
  date.setUTCHours(h, mi, s, ms);
  const time = date.getTime() - offset * 60_000;
  return time >= MIN_MS && time <= MAX_MS ? time : INVALID;
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * `new Date(ms).toISOString()` for the years 0000-9999, in plain arithmetic (civil from
 * days, H. Hinnant): several times cheaper than the builtin, which datetime coercion calls
 * for every epoch input. Property-tested against the builtin.
 */
export function isoFromMillis(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rem = ms - days * 86_400_000;
  const h = Math.floor(rem / 3_600_000);
  rem -= h * 3_600_000;
  const mi = Math.floor(rem / 60_000);
  rem -= mi * 60_000;
  const sec = Math.floor(rem / 1000);
  const milli = rem - sec * 1000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const ms3 = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : String(milli);
  return `${PAD2[Math.floor(y / 100)]}${PAD2[y % 100]}-${PAD2[m]}-${PAD2[d]}T${PAD2[h]}:${PAD2[mi]}:${PAD2[sec]}.${ms3}Z`;
}

/** Epoch milliseconds of a date input read as `from` says; INVALID otherwise. */
export function readTime(value: unknown, from: TimeInput = 'auto'): number | Invalid {
  let ms: number;
  if (from === 'rfc5322') {
    const parsed = typeof value === 'string' ? parseRfc5322Date(value) : undefined;
    return parsed !== undefined && parsed >= MIN_MS && parsed <= MAX_MS ? parsed : INVALID;
  }
  if (typeof value === 'string' && from !== 'epoch-seconds' && from !== 'epoch-millis') {
    const iso = parseIsoTime(value);
    if (iso !== INVALID || from === 'iso') return iso;
  }
  if (from === 'iso') return INVALID;
  const n = toNumber(value);
  if (n === INVALID) return INVALID;
  const seconds = from === 'epoch-seconds' || (from === 'auto' && Math.abs(n) < AUTO_SECONDS_BELOW);
  ms = seconds ? Math.round(n * 1000) : Math.trunc(n);
  if (ms === 0) ms = 0;
  return ms >= MIN_MS && ms <= MAX_MS ? ms : INVALID;
}

/** A coercion specialised for one target and its options; returns INVALID on refusal. */
export type Coercer = (value: unknown) => unknown;

/**
 * Builds the coercion of one `coerce` transform once, at compile time. The returned
 * function passes `undefined` and `null` through and never throws.
 */
export function coercerFor(to: CoerceTarget, options: CoerceOptions = {}): Coercer {
  const from = options.from ?? 'auto';
  switch (to) {
    case 'string':
      return (v) => {
        if (typeof v === 'string' || v === undefined || v === null) return v;
        if (typeof v === 'number')
          return Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? String(v) : INVALID;
        if (typeof v === 'boolean') return v ? 'true' : 'false';
        return INVALID;
      };
    case 'number':
      return (v) => (v === undefined || v === null ? v : toNumber(v));
    case 'integer':
      return (v) => {
        if (Number.isSafeInteger(v)) return v === 0 ? 0 : v;
        if (v === undefined || v === null) return v;
        const n = toNumber(v);
        return n !== INVALID && Number.isInteger(n) ? (n === 0 ? 0 : n) : INVALID;
      };
    case 'boolean':
      return (v) => (v === undefined || v === null ? v : toBoolean(v));
    case 'date':
      return (v) => {
        if (v === undefined || v === null) return v;
        if (typeof v === 'string' && (from === 'auto' || from === 'iso') && isCanonicalIso(v))
          return v.length === 10 ? v : v.slice(0, 10);
        const ms = readTime(v, from);
        return ms === INVALID ? INVALID : isoFromMillis(ms).slice(0, 10);
      };
    case 'datetime':
      return (v) => {
        if (v === undefined || v === null) return v;
        if (
          typeof v === 'string' &&
          v.length === 24 &&
          (from === 'auto' || from === 'iso') &&
          isCanonicalIso(v)
        )
          return v;
        const ms = readTime(v, from);
        return ms === INVALID ? INVALID : isoFromMillis(ms);
      };
    case 'decimal': {
      const units = options.minorUnits;
      const scale = units === undefined ? 1 : 10 ** units;
      return (v) => {
        if (v === undefined || v === null) return v;
        const n = toNumber(v);
        if (n === INVALID) return INVALID;
        if (units === undefined) return n === 0 ? 0 : n;
        // An integer below 2^52 divided by 10^units is already the double nearest to the
        // exact decimal, which is what rounding through toFixed would give: skip it.
        if (Number.isInteger(n) && Math.abs(n) < 4_503_599_627_370_496) return n / scale || 0;
        return roundTo(n / scale, units);
      };
    }
    default:
      return () => INVALID;
  }
}

/**
 * Coerces one value as README "Coercion" says. `undefined` and `null` are returned
 * unchanged; a value that does not coerce yields INVALID. Never throws.
 */
export function coerceValue(
  value: unknown,
  to: CoerceTarget,
  options: CoerceOptions = {},
): unknown {
  return coercerFor(to, options)(value);
}

function toBoolean(value: unknown): boolean | Invalid {
  if (typeof value === 'boolean') return value;
  if (value === 1) return true;
  if (value === 0) return false;
  if (typeof value !== 'string' || value.length > 5) return INVALID;
  switch (value.toLowerCase()) {
    case 'true':
    case 'yes':
    case '1':
      return true;
    case 'false':
    case 'no':
    case '0':
      return false;
    default:
      return INVALID;
  }
}
