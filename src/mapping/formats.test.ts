import { describe, expect, it } from 'vitest';
import { FORMAT_CHECKS, formatCheck } from './formats.js';

const cases: Record<string, [string[], string[]]> = {
  email: [
    ['a@b.co', 'first.last+tag@sub.example.org'],
    ['a@b', 'no at', 'a b@c.de', '@x.io', 'a@@b.io'],
  ],
  uri: [
    ['https://x.io/a', 'mailto:a@b.co', 'urn:isbn:123'],
    ['not a uri', '://x', ''],
  ],
  url: [
    ['https://x.io', 'http://localhost:8080/a?b#c'],
    ['ftp://x.io', 'https://', 'x.io'],
  ],
  uuid: [['123e4567-e89b-12d3-a456-426614174000'], ['123e4567e89b12d3a456426614174000', 'xyz']],
  date: [['2024-02-29'], ['2023-02-29', '2024-1-01', '2024-01-01T00:00:00Z']],
  'date-time': [
    ['2024-01-15T10:30:00Z', '2024-01-15T10:30:00.123+02:00'],
    ['2024-01-15', '2024-01-15T10:30Z', '2024-01-15T24:00:00Z'],
  ],
  time: [
    ['10:30', '23:59:59.5Z', '08:00:00+02:00'],
    ['24:00', '7:00'],
  ],
  hostname: [
    ['example.com', 'a-b.c'],
    ['-x.com', 'a_b.com', 'x'.repeat(64)],
  ],
  ipv4: [
    ['192.168.0.1', '0.0.0.0'],
    ['256.1.1.1', '1.2.3', '01.2.3.4'],
  ],
  ipv6: [
    ['::1', '2001:db8::8a2e:370:7334', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8'],
    ['1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', ':'],
  ],
  phone: [
    ['+49 30 12345678', '(555) 123-4567'],
    ['12345', 'call me', '+1 555 CALL NOW'],
  ],
  'iso-country': [
    ['DE', 'US'],
    ['de', 'DEU'],
  ],
  'iso-currency': [
    ['EUR', 'JPY'],
    ['eur', 'EU'],
  ],
};

describe('FORMAT_CHECKS', () => {
  it('covers every documented format', () => {
    expect(Object.keys(FORMAT_CHECKS).sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [format, [good, bad]] of Object.entries(cases)) {
    it(format, () => {
      const check = formatCheck(format);
      for (const s of good) expect([s, check?.(s)]).toEqual([s, true]);
      for (const s of bad) expect([s, check?.(s)]).toEqual([s, false]);
    });
  }

  it('knows no inherited names', () => {
    expect(formatCheck('toString')).toBeUndefined();
    expect(formatCheck('__proto__')).toBeUndefined();
  });
});
