/**
 * The catalog page in Chromium against the real service: the bundled registry is listed,
 * search narrows it, definition and entity type pages show their data, errors read in
 * plain words, a phone viewport has no horizontal scroll, and the keyboard reaches
 * everything. `REGSYNC_SCREENSHOTS=1` refreshes docs/screenshots/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserSession,
  bundledRegistryFiles,
  fitsViewport,
  focused,
  PHONE,
  screenshot,
} from './harness.js';

describe('catalog page', () => {
  const ui = browserSession();
  let integrations: string[] = [];
  let templates: string[] = [];

  beforeAll(async () => {
    const files = Object.keys(await bundledRegistryFiles());
    integrations = files
      .filter((f) => f.startsWith('integrations/'))
      .map((f) => f.split('/')[1] ?? '');
    templates = files.filter((f) => f.startsWith('templates/')).map((f) => f.split('/')[1] ?? '');
  });

  it('lists every bundled integration and template as a card', async () => {
    const { page } = await ui.visit('#/');
    const cards = page.locator('article.card');
    await expect.poll(() => cards.count()).toBe(integrations.length + templates.length);
    const links = await page
      .locator('article.card h3 a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const key of integrations) expect(links).toContain(`#/integrations/${key}`);
    for (const key of templates) expect(links).toContain(`#/templates/${key}`);
    const hubspot = page.locator('article.card', {
      has: page.getByRole('link', { name: 'HubSpot CRM' }),
    });
    await expect.poll(() => hubspot.innerText()).toContain('Data source');
    expect(await hubspot.locator('.tags li').allInnerTexts()).toEqual([
      'crm',
      'sales',
      'marketing',
    ]);
    expect(await page.title()).toBe('Catalog · Regsync');
    await screenshot(page, 'catalog');
  });

  it('narrows the cards as you type and by category', async () => {
    const { page } = await ui.visit('#/');
    const names = () => page.locator('article.card h3').allInnerTexts();
    await expect
      .poll(() => page.locator('article.card').count())
      .toBe(integrations.length + templates.length);
    const search = page.getByLabel('Search');
    await search.pressSequentially('crm');
    // "crm" is a tag of two integrations and a word in one template's description.
    await expect
      .poll(names)
      .toEqual(['HubSpot CRM', 'Salesforce Sales Cloud', 'Professional service business']);
    await search.pressSequentially(' sales');
    await expect.poll(names).toEqual(['HubSpot CRM', 'Salesforce Sales Cloud']);
    await expect
      .poll(() => page.locator('#result-count').innerText())
      .toBe('2 results: 2 integrations, 0 templates');
    await search.pressSequentially(' cloud');
    await expect.poll(names).toEqual(['Salesforce Sales Cloud']);
    // The search is kept in the address, so a reload or a shared link shows the same cards.
    expect(new URL(page.url()).hash).toBe('#/?q=crm+sales+cloud');

    await search.fill('');
    await page.getByLabel('Category').selectOption('notification-channel');
    await expect.poll(names).toEqual(['Discord', 'Slack', 'Telegram', 'Threema Gateway']);
    await page.getByLabel('Category').selectOption('template');
    await expect.poll(() => page.locator('article.card').count()).toBe(templates.length);
    await search.fill('no such thing anywhere');
    await expect
      .poll(() => page.locator('main').innerText())
      .toContain('No template matches the search.');
  });

  it('shows an integration: description, entity types, models and relationships', async () => {
    const { page } = await ui.visit('#/');
    await page.getByRole('link', { name: 'HubSpot CRM' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('HubSpot CRM');
    expect(new URL(page.url()).hash).toBe('#/integrations/hubspot');
    // After a navigation the new page's heading has the focus (announced by screen readers).
    expect((await focused(page)).tag).toBe('H1');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Contacts, companies and deals from HubSpot CRM');
    for (const et of ['HubSpot contact', 'HubSpot company', 'HubSpot deal'])
      await expect.poll(() => page.getByRole('link', { name: et }).count()).toBe(1);
    expect(main).toContain('contactCompany');
    expect(await page.getByRole('link', { name: 'Try the mapping' }).count()).toBe(3);
    await screenshot(page, 'integration');
  });

  it('shows an entity type: every attribute with type, required, enum values, validation and semantics', async () => {
    const api = (await (
      await ui.service.fetch('/api/v1/integrations/hubspot/entity-types/contact')
    ).json()) as { attributes: Array<{ key: string }> };
    const { page } = await ui.visit('#/integrations/hubspot');
    await page.getByRole('link', { name: 'HubSpot contact' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('HubSpot contact');
    const rows = page.locator('table.attributes tbody tr');
    await expect.poll(() => rows.count()).toBe(api.attributes.length);

    const email = await page.locator('#attr-email').innerText();
    expect(email).toContain('Email');
    expect(email).toContain('optional');
    expect(email).toContain('format: email');
    expect(email).toContain('Primary email address, trimmed and lower-cased');
    expect(email).toContain('pii');
    expect(email).toContain('email address'); // a synonym
    const id = await page.locator('#attr-id').innerText();
    expect(id).toContain('required');
    expect(id).toContain('pattern: ^[0-9]+$');
    expect(id).toContain('primary key');
    const stage = await page.locator('#attr-lifecycleStage').innerText();
    expect(stage).toContain('enum');
    expect(stage).toContain('marketing_qualified_lead');
    expect(stage).toContain('status, dimension');
    expect(await page.locator('#attr-companyId').innerText()).toContain('reference to company');

    // Relationships touching contact, and only those.
    const relationships = await page
      .locator('section[aria-labelledby="rel-heading"] tbody tr')
      .allInnerTexts();
    expect(relationships.map((r) => r.split(/\s/)[0])).toEqual(['contactCompany', 'dealContacts']);
    await screenshot(page, 'entity-type');
  });

  it('shows a template entity type with its validation bounds and tags', async () => {
    const { page } = await ui.visit('#/templates/saas-startup/entity-types/account');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Account');
    const health = await page.locator('#attr-healthScore').innerText();
    expect(health).toContain('integer');
    expect(health).toContain('0 ≤ value ≤ 100');
    expect(await page.locator('main').innerText()).toContain('editable');
  });

  it('says in plain words when the API has no such integration or entity type', async () => {
    const { page, problems } = await ui.visit('#/integrations/nope');
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.innerText())
      .toContain('Not found: no integration with key "nope"');
    expect(await alert.innerText()).toMatch(/Request id: [0-9a-f-]{36}/);
    // The browser logs the 404 itself; that one is expected.
    expect(problems.splice(0)).toEqual([expect.stringContaining('404')]);

    await page.goto(`${ui.service.url}/#/integrations/hubspot/entity-types/nothing`);
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('HubSpot CRM has no entity type nothing');
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    const { page } = await ui.visit('#/', { viewport: PHONE, isMobile: true });
    await expect
      .poll(() => page.locator('article.card').count())
      .toBe(integrations.length + templates.length);
    expect(await fitsViewport(page)).toBe(true);
    const card = await page.locator('article.card').first().boundingBox();
    expect(card?.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone', false);

    await page.goto(`${ui.service.url}/#/integrations/hubspot/entity-types/contact`);
    await expect.poll(() => page.locator('table.attributes tbody tr').count()).toBeGreaterThan(10);
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'phone-entity-type', false);
  });

  it('is usable with the keyboard: skip link, search box, a card link, visible focus', async () => {
    const { page } = await ui.visit('#/');
    await expect.poll(() => page.locator('article.card').count()).toBeGreaterThan(0);

    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Skip to content' });
    expect((await focused(page)).top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'MAIN' });

    let steps = 0;
    while ((await focused(page)).label !== 'q' && steps++ < 10) await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', label: 'q' });
    await page.keyboard.type('stripe');
    // The integration, and the templates that name Stripe as a source.
    await expect
      .poll(() => page.locator('article.card h3').allInnerTexts())
      .toEqual(['Stripe', 'Direct-to-consumer e-commerce', 'SaaS startup']);

    steps = 0;
    while ((await focused(page)).text !== 'Stripe' && steps++ < 10)
      await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Stripe' });
    expect((await focused(page)).outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Stripe');
    expect(new URL(page.url()).hash).toBe('#/integrations/stripe');
    expect((await focused(page)).tag).toBe('H1');
  });
});
