import { describe, expect, it } from 'vitest';
import { printsStackTraces } from './cliSettings.js';

describe('printsStackTraces', () => {
  it('is on when REGSYNC_DEBUG has a value, off when it is unset or blank', () => {
    expect(printsStackTraces({ REGSYNC_DEBUG: '1' })).toBe(true);
    expect(printsStackTraces({ REGSYNC_DEBUG: 'false' })).toBe(true);
    expect(printsStackTraces({ REGSYNC_DEBUG: '  ' })).toBe(false);
    expect(printsStackTraces({})).toBe(false);
  });
});
