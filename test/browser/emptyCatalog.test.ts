/**
 * Before the first sync: the catalog page says the catalog is empty and points to the sync
 * page, which renders with no revision, no run and no manifest.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../helpers/gitRepos.js';
import { launchChromium, openPage, startCatalog, type Service, type WatchedPage } from './harness.js';

describe('before the first sync', () => {
  let repo: TestRepo;
  let service: Service;
  let browser: Browser;
  let open: WatchedPage | undefined;

  beforeAll(async () => {
    ({ repo, service } = await startCatalog({ startupSync: false }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await repo?.cleanup();
  });
  afterEach(async () => {
    const problems = open?.problems ?? [];
    await open?.context.close();
    open = undefined;
    expect(problems).toEqual([]);
  });

  it('the catalog says it is empty and links to the sync page', async () => {
    open = await openPage(browser);
    const { page } = open;
    await page.goto(`${service.url}/#/`);
    await expect.poll(() => page.locator('main').innerText()).toContain('The catalog is empty');
    expect(await page.locator('article.card').count()).toBe(0);
    await page.getByRole('link', { name: 'sync page' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('No recorded run yet.');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Invalid manifests (0)');
    expect(main).toContain('none yet');
  });
});
