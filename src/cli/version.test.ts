import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isVersionOnly, REGSYNC_VERSION } from './version.js';

describe('the regsync version', () => {
  it('is the version in package.json', async () => {
    const pkg = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(REGSYNC_VERSION).toBe(pkg.version);
  });

  it('is answered early only for a lone --version or -V', () => {
    expect(isVersionOnly(['--version'])).toBe(true);
    expect(isVersionOnly(['-V'])).toBe(true);
    expect(isVersionOnly([])).toBe(false);
    expect(isVersionOnly(['--version', 'validate'])).toBe(false);
    expect(isVersionOnly(['validate', '--version'])).toBe(false);
    expect(isVersionOnly(['--help'])).toBe(false);
  });
});
