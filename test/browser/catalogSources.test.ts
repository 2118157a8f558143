/**
 * The catalog page of a layered registry in Chromium (issue 14): the bundled registry as
 * upstream and a private overlay (a second bare Git repository) that overrides `hubspot`
 * and adds an integration and a template. Every card says which source it comes from, the
 * Source list narrows the cards (and is kept in the address), and a definition page names
 * its source with a link back to that source's cards. On PGlite, so the catalog's origin
 * columns are read on both databases (test/integration/layers/catalogSource.test.ts reads
 * them on PostgreSQL).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestRepo } from '../helpers/gitRepos.js';
import { integrationManifest, templateManifest } from '../helpers/manifests.js';
import { browserSession, bundledRegistryFiles, fitsViewport, PHONE } from './harness.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

describe('catalog page of a layered registry', () => {
  const ui = browserSession({
    async env(upstream) {
      const overlay = await createTestRepo({
        'integrations/hubspot/manifest.json': pretty(
          integrationManifest({ key: 'hubspot', name: 'Acme HubSpot' }),
        ),
        'integrations/acme-crm/manifest.json': pretty(
          integrationManifest({ key: 'acme-crm', name: 'Acme CRM' }),
        ),
        'templates/acme-kit/manifest.json': pretty(templateManifest('acme-kit')),
      });
      const dir = await mkdtemp(join(tmpdir(), 'regsync-web-sources-'));
      await writeFile(
        join(dir, 'sources.json'),
        JSON.stringify({
          sources: [
            { name: 'upstream', url: upstream.url },
            { name: 'acme', url: overlay.url, override: ['hubspot'] },
          ],
        }),
      );
      return {
        env: { REGSYNC_REGISTRY: '', REGSYNC_SOURCES_FILE: join(dir, 'sources.json') },
        cleanup: async () => {
          await overlay.cleanup();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  });

  it('names the source on every card and narrows the cards by source', async () => {
    const bundled = Object.keys(await bundledRegistryFiles()).length;
    const { page } = await ui.visit('#/');
    const cards = page.locator('article.card');
    // The bundled registry, hubspot replaced (not doubled), plus the overlay's two additions.
    await expect.poll(() => cards.count()).toBe(bundled + 2);
    const originOf = (name: string) =>
      page
        .locator('article.card', { has: page.getByRole('link', { name, exact: true }) })
        .locator('.origin')
        .innerText();
    expect(await originOf('Acme HubSpot')).toBe('from acme');
    expect(await originOf('Acme CRM')).toBe('from acme');
    expect(await originOf('Slack')).toBe('from upstream');
    expect(await page.getByRole('link', { name: 'HubSpot CRM', exact: true }).count()).toBe(0);

    const source = page.locator('select[name="source"]');
    expect(await source.locator('option').allInnerTexts()).toEqual([
      'All sources',
      'acme (3)',
      `upstream (${bundled - 1})`,
    ]);
    await source.selectOption('acme');
    await expect
      .poll(() => page.locator('article.card h3').allInnerTexts())
      .toEqual(['Acme CRM', 'Acme HubSpot', 'acme-kit']);
    await expect
      .poll(() => page.locator('#result-count').innerText())
      .toBe('3 results: 2 integrations, 1 template');
    expect(new URL(page.url()).hash).toBe('#/?source=acme');
    // The filters compose: the overlay's templates only.
    await page.getByLabel('Category').selectOption('template');
    await expect.poll(() => page.locator('article.card h3').allInnerTexts()).toEqual(['acme-kit']);

    // What the page shows is what the API says for the same filter.
    const api = (await (await ui.service.fetch('/api/v1/integrations?source=acme')).json()) as {
      items: Array<{ name: string }>;
    };
    expect(api.items.map((i) => i.name)).toEqual(['Acme CRM', 'Acme HubSpot']);
  });

  it('names the source on a definition page, linking to that source’s cards', async () => {
    const { page } = await ui.visit('#/integrations/hubspot');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Acme HubSpot');
    const facts = page.locator('dl.facts');
    await expect.poll(() => facts.innerText()).toContain('Source');
    await page.locator('dl.facts').getByRole('link', { name: 'acme' }).click();
    await expect.poll(() => page.locator('article.card').count()).toBe(3);
    expect(await page.locator('select[name="source"]').inputValue()).toBe('acme');
  });

  it('keeps a source from a shared link and fits a phone with three filters', async () => {
    const { page } = await ui.visit('#/?source=upstream&q=slack', { viewport: PHONE });
    await expect.poll(() => page.locator('article.card h3').allInnerTexts()).toEqual(['Slack']);
    expect(await page.locator('select[name="source"]').inputValue()).toBe('upstream');
    expect(await fitsViewport(page)).toBe(true);
  });
});
