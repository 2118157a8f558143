import { describe, expect, it } from 'vitest';
import { formatDuration, formatProgress } from './formatProgress.js';

describe('formatProgress', () => {
  it('shows the count, the share, the time so far and the estimate from the rate', () => {
    const line = formatProgress(2500, 10000, 1000);
    expect(line.startsWith('\r')).toBe(true);
    expect(line).toContain('2500/10000 manifests validated (25%), 1.0 s, about 3.0 s left');
    expect(line).not.toContain('\n');
  });

  it('pads every running line to one width so a shorter one overwrites a longer one', () => {
    expect(formatProgress(1, 10, 5).length).toBe(formatProgress(9, 10, 123_456).length);
  });

  it('ends the line when everything is validated, and says the write follows', () => {
    expect(formatProgress(10000, 10000, 4200)).toBe(
      '\r  10000/10000 manifests validated (100%), 4.2 s; writing\n',
    );
  });

  it('gives no estimate before the first manifest and copes with an empty registry', () => {
    expect(formatProgress(0, 10, 3)).not.toContain('left');
    expect(formatProgress(0, 0, 3)).toContain('(100%)');
  });

  it('formats durations in ms, s and minutes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
});
