/**
 * RFC 5322 date-time (section 3.3, with the obsolete forms of 4.3 that mail still carries):
 * the `Date` header of an email, as Gmail returns it in `payload.headers` when a message has
 * no `internalDate`. `Fri, 21 Nov 1997 09:55:06 -0600`, `21 Nov 97 09:55 GMT`,
 * `Tue, 1 Jul 2003 10:52:37 +0200 (CEST)`.
 *
 * Only what the grammar allows is read: an optional day name (not checked against the date,
 * as RFC 5322 leaves that to the sender), a day, an English month name, a 2- to 4-digit year
 * (two digits: 00-49 are 2000-2049, 50-99 are 1950-1999; three: 1900 plus), hours and minutes
 * with optional seconds, and a zone: `+hhmm`/`-hhmm`, `UT`/`GMT`, the US zones
 * (`EST`, `EDT`, `CST`, `CDT`, `MST`, `MDT`, `PST`, `PDT`) or a one-letter military zone,
 * which section 4.3 says to read as `-0000` (unknown, so UTC). One trailing comment is allowed.
 * Anything else, and impossible dates (31 Feb, 24:00), are refused.
 */

/** Longer input is no date: bounds the work on a hostile header. */
const MAX_LENGTH = 200;

// Linear: every part is a fixed alternation or a bounded digit run, separated by required
// whitespace, so no input can make it backtrack more than a few steps per character.
const DATE_TIME =
  /^[ \t]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[ \t]*,[ \t]*)?(\d{1,2})[ \t]+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[ \t]+(\d{2,4})[ \t]+(\d{2})[ \t]*:[ \t]*(\d{2})(?:[ \t]*:[ \t]*(\d{2}))?[ \t]+([+-]\d{4}|ut|gmt|[ecmp][sd]t|[a-ik-z])[ \t]*(?:\([^()\\]{0,80}\)[ \t]*)?$/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Offsets of the named zones of RFC 5322 section 4.3, in minutes east of UTC. */
const NAMED_ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

function zoneMinutes(zone: string): number | undefined {
  const lower = zone.toLowerCase();
  if (lower.length === 1) return 0; // military zone: "-0000", section 4.3
  const named = NAMED_ZONES[lower];
  if (named !== undefined) return named;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(3, 5));
  if (minutes > 59) return undefined;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (hours * 60 + minutes);
}

function fullYear(digits: string): number {
  const year = Number(digits);
  if (digits.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (digits.length === 3) return 1900 + year;
  return year;
}

/**
 * Epoch milliseconds of an RFC 5322 date-time, or `undefined` when `text` is not one (see
 * the module comment for the forms read). Never throws.
 */
export function parseRfc5322Date(text: string): number | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, dayText, monthText, yearText, hourText, minuteText, secondText, zone] = m;
  const day = Number(dayText);
  const month = MONTHS.indexOf((monthText as string).toLowerCase());
  const year = fullYear(yearText as string);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  const offset = zoneMinutes(zone as string);
  if (offset === undefined || hour > 23 || minute > 59 || second > 60) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  // 60 is a leap second (section 3.3); it is read as the last second of that minute.
  const local = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  // Date.UTC maps years 0-99 to 1900-1999; a 4-digit year below 100 is set explicitly.
  const fixed = year < 100 ? new Date(local).setUTCFullYear(year) : local;
  return fixed - offset * 60_000;
}
