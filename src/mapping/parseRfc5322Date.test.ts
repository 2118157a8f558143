import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coercerFor } from './coerceValue.js';
import { parseRfc5322Date } from './parseRfc5322Date.js';

const iso = (text: string): string | undefined => {
  const ms = parseRfc5322Date(text);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

describe('parseRfc5322Date', () => {
  // RFC 5322 Appendix A's own examples (A.1.1, A.1.2, A.1.3, A.5, A.6.2), then a Gmail header.
  it.each([
    ['Fri, 21 Nov 1997 09:55:06 -0600', '1997-11-21T15:55:06.000Z'],
    ['Tue, 1 Jul 2003 10:52:37 +0200', '2003-07-01T08:52:37.000Z'],
    ['Thu, 13 Feb 1969 23:32:54 -0330', '1969-02-14T03:02:54.000Z'],
    ['21 Nov 97 09:55:06 GMT', '1997-11-21T09:55:06.000Z'],
    ['Fri, 21 Nov 1997 09:55:06 -0600 (Central)', '1997-11-21T15:55:06.000Z'],
    ['Fri, 6 Mar 2026 12:00:00 +0000', '2026-03-06T12:00:00.000Z'],
    ['6 Mar 2026 12:00 EST', '2026-03-06T17:00:00.000Z'],
    ['Sat, 31 Dec 2016 23:59:60 Z', '2016-12-31T23:59:59.000Z'],
    ['  mon ,  1 jan 49 00:00:00 +0000', '2049-01-01T00:00:00.000Z'],
    ['1 Jan 050 00:00:00 +0000', '1950-01-01T00:00:00.000Z'],
  ])('reads %j', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([
    '',
    '2026-03-06T12:00:00Z',
    'Fri, 31 Feb 2026 12:00:00 +0000',
    'Fri, 6 Mar 2026 24:00:00 +0000',
    'Fri, 6 Mar 2026 12:60:00 +0000',
    'Fri, 6 Mar 2026 12:00:61 +0000',
    'Fri, 6 Mar 2026 12:00:00 +0075',
    'Fri, 6 Mar 2026 12:00:00',
    'Fri, 6 Mar 2026 12:00:00 CET',
    'Fri, 6 Mars 2026 12:00:00 +0000',
    'Fri, 6 Mar 2026 12:00:00 +0000 trailing',
    `Fri, 6 Mar 2026 12:00:00 +0000 (${'x'.repeat(300)})`,
  ])('refuses %j', (text) => {
    expect(parseRfc5322Date(text)).toBeUndefined();
  });

  it('agrees with a formatter for any instant and offset', () => {
    const months = [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ];
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    fc.assert(
      fc.property(
        // From 1001: a year of three digits is read as 1900 plus (obs-year), so none is formatted.
        fc.integer({ min: Date.UTC(1001, 0, 1) / 1000, max: Date.UTC(9998, 11, 31) / 1000 }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (seconds, offset) => {
          const local = new Date(seconds * 1000 + offset * 60_000);
          const pad = (n: number) => String(n).padStart(2, '0');
          const abs = Math.abs(offset);
          const text =
            `${days[local.getUTCDay()]}, ${local.getUTCDate()} ${months[local.getUTCMonth()]} ` +
            `${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:` +
            `${pad(local.getUTCSeconds())} ${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
          expect(parseRfc5322Date(text)).toBe(seconds * 1000);
        },
      ),
    );
  });

  it('is what `coerce` with `from: rfc5322` reads, and nothing else', () => {
    const datetime = coercerFor('datetime', { from: 'rfc5322' });
    expect(datetime('Fri, 21 Nov 1997 09:55:06 -0600')).toBe('1997-11-21T15:55:06.000Z');
    expect(coercerFor('date', { from: 'rfc5322' })('Fri, 21 Nov 1997 23:55:06 -0600')).toBe(
      '1997-11-22',
    );
    const invalid = datetime('not a date');
    expect(datetime('1997-11-21T15:55:06.000Z')).toBe(invalid);
    expect(datetime(880120506000)).toBe(invalid);
    expect(datetime(undefined)).toBeUndefined();
  });
});
