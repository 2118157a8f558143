/**
 * The mapping playground in Chromium against the real service: pick an integration and a
 * model, map the prefilled HubSpot contact, read the mapped attributes and findings, and get
 * plain words for bad JSON and for problems the API returns.
 */
import { describe, expect, it } from 'vitest';
import { browserSession, fitsViewport, PHONE, screenshot } from './harness.js';

describe('mapping playground', () => {
  const ui = browserSession();

  it('maps the sample HubSpot contact and shows the mapped email', async () => {
    const { page } = await ui.visit('#/');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Playground' })
      .click();
    await expect.poll(() => page.getByLabel('Integration').inputValue()).toBe('hubspot');
    await expect.poll(() => page.getByLabel('Model').inputValue()).toBe('contact');
    await expect
      .poll(() => page.getByLabel(/^Payload/).inputValue())
      .toContain('Jana.Richter@Acme-GmbH.de');

    await page.getByRole('button', { name: 'Map' }).click();
    const results = page.locator('section.results');
    await expect.poll(() => results.innerText()).toContain('1 record: 1 mapped, 0 failed');
    expect(await results.getAttribute('aria-live')).toBe('polite');
    const rows = await results.locator('table.mapped tbody tr').allInnerTexts();
    expect(rows).toContain('email\t"jana.richter@acme-gmbh.de"');
    expect(rows).toContain('emailDomain\t"acme-gmbh.de"');
    expect(rows).toContain('fullName\t"Jana Richter"');
    expect(await results.innerText()).toContain('No findings.');
    await screenshot(page, 'playground');
  });

  it('maps several records in strict mode and lists the findings of the failed one', async () => {
    const { page } = await ui.visit('#/playground?integration=hubspot&model=contact');
    await expect.poll(() => page.getByLabel(/^Payload/).inputValue()).toContain('51201');
    const records = [
      { id: '7', properties: { email: 'a@b.example' }, createdAt: '2024-01-15T10:30:00.000Z' },
      { id: 'x', properties: { email: 'c@d.example' } },
    ];
    await page.getByLabel(/^Payload/).fill(JSON.stringify(records, null, 2));
    await page.getByRole('switch', { name: 'Strict mode' }).check();
    await page.getByRole('button', { name: 'Map' }).click();
    const results = page.locator('section.results');
    await expect.poll(() => results.innerText()).toContain('2 records: 1 mapped, 1 failed');
    expect(await results.innerText()).toContain('strict mode');
    const failed = results.locator('article.record-failed');
    expect(await failed.locator('h3').innerText()).toContain('Record 2 of 2: failed');
    const findings = await failed.locator('table.findings tbody tr').allInnerTexts();
    expect(findings.join('\n')).toContain('pattern-mismatch');
    expect(findings.join('\n')).toContain('required-missing');
  });

  it('switching the integration offers its models and their sample', async () => {
    const { page } = await ui.visit('#/playground?integration=hubspot&model=contact');
    await expect.poll(() => page.getByLabel('Model').inputValue()).toBe('contact');
    await page.getByLabel('Integration').selectOption('stripe');
    await expect
      .poll(() => page.getByLabel('Model').locator('option').allInnerTexts())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/charge/i),
          expect.stringMatching(/customer/i),
        ]),
      );
    await expect
      .poll(() => page.getByLabel(/^Payload/).inputValue())
      .toMatch(/"object": "(charge|customer|invoice)"/);
    await page.getByRole('button', { name: 'Map' }).click();
    await expect
      .poll(() => page.locator('section.results').innerText())
      .toContain('1 mapped, 0 failed');
  });

  it('explains bad JSON and an API problem in plain words', async () => {
    const { page, problems } = await ui.visit('#/playground?integration=hubspot&model=contact');
    await expect.poll(() => page.getByLabel(/^Payload/).inputValue()).toContain('51201');
    await page.getByLabel(/^Payload/).fill('{"id": "1",');
    await page.getByRole('button', { name: 'Map' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('The payload is not valid JSON');

    await page.getByLabel(/^Payload/).fill('[1, 2]');
    await page.getByRole('button', { name: 'Map' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('Record 1 is not a JSON object');

    // More records than the API accepts: its 400 problem, in words, with the pointer.
    await page
      .getByLabel(/^Payload/)
      .fill(JSON.stringify(Array.from({ length: 1001 }, (_, i) => ({ id: String(i) }))));
    await page.getByRole('button', { name: 'Map' }).click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.innerText())
      .toContain('The request was not accepted because some of it is invalid');
    expect(await alert.innerText()).toContain('/records');
    expect(await alert.innerText()).toMatch(/Request id: [0-9a-f-]{36}/);
    expect(problems.splice(0)).toEqual([expect.stringContaining('400')]);
  });

  it('fits a phone screen', async () => {
    const { page } = await ui.visit('#/playground?integration=hubspot&model=contact', {
      viewport: PHONE,
      isMobile: true,
    });
    await expect.poll(() => page.getByLabel(/^Payload/).inputValue()).toContain('51201');
    await page.getByRole('button', { name: 'Map' }).click();
    await expect.poll(() => page.locator('section.results').innerText()).toContain('1 mapped');
    expect(await fitsViewport(page)).toBe(true);
  });
});
