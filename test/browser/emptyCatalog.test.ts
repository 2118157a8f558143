/**
 * Before the first sync: the catalog page says the catalog is empty and points to the sync
 * page, which renders with no revision, no run and no manifest.
 */
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

describe('before the first sync', () => {
  const ui = browserSession({ startupSync: false });

  it('the catalog says it is empty and links to the sync page', async () => {
    const { page } = await ui.visit('#/');
    await expect.poll(() => page.locator('main').innerText()).toContain('The catalog is empty');
    expect(await page.locator('article.card').count()).toBe(0);
    await page.getByRole('link', { name: 'sync page' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('No recorded run yet.');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Invalid manifests (0)');
    expect(main).toContain('none yet');
  });
});
