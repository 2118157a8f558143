/**
 * The sync page in Chromium against the real service: a broken manifest committed to the
 * registry repository and synced shows up with its findings (file:line:column, pointer,
 * rule, message), beside the run history and every manifest's state.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { integrationManifest } from '../helpers/manifests.js';
import {
  ADMIN_TOKEN,
  browserSession,
  bundledRegistryFiles,
  fitsViewport,
  PHONE,
  screenshot,
} from './harness.js';

const BROKEN = 'integrations/acme/manifest.json';

describe('sync page', () => {
  const ui = browserSession();
  let finding: { line: number; column: number; pointer: string; rule: string; message: string };

  beforeAll(async () => {
    // A manifest whose key does not match its folder: invalid, with exactly one finding.
    const broken = await readFile(
      new URL(
        '../fixtures/invalid/key-folder-mismatch/integrations/acme/manifest.json',
        import.meta.url,
      ),
      'utf8',
    );
    await ui.repo.commit({ [BROKEN]: broken }, 'add a broken manifest');
    await ui.repo.push('main');
    const res = await ui.service.fetch('/api/v1/sync', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(202);
    const run = await ui.service.waitForRun(((await res.json()) as { runId: string }).runId);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual' });
    const manifests = (await (
      await ui.service.fetch('/api/v1/manifests?state=invalid')
    ).json()) as {
      items: Array<{ path: string; findings: (typeof finding)[] }>;
    };
    expect(manifests.items.map((m) => m.path)).toEqual([BROKEN]);
    finding = manifests.items[0]!.findings[0]!;
  });

  it('shows the invalid manifest with its rule, location and message', async () => {
    const { page } = await ui.visit('#/');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Sync', exact: true })
      .click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Sync');
    const invalid = page.locator('section[aria-labelledby="invalid-heading"]');
    await expect.poll(() => invalid.locator('h2').innerText()).toBe('Invalid manifests (1)');
    const row = await invalid.locator('tbody tr').first().innerText();
    expect(finding.rule).toBe('key-folder-mismatch');
    expect(row).toContain(`${BROKEN}:${finding.line}:${finding.column}`);
    expect(row).toContain(finding.pointer);
    expect(row).toContain('key-folder-mismatch');
    expect(row).toContain(finding.message);
    expect(row).toContain('error');
    await screenshot(page, 'sync');
  });

  it('shows the status, the runs with reason, counts and duration, and manifest states', async () => {
    const { page } = await ui.visit('#/sync');
    await expect
      .poll(() => page.locator('section[aria-labelledby="status-heading"]').innerText())
      .toContain('Revision served');
    const status = await page.locator('section[aria-labelledby="status-heading"]').innerText();
    expect(status).toContain((await ui.repo.head()).slice(0, 12));
    expect(status).toContain('Next scheduled run');

    const runs = page.locator('table.runs > tbody > tr');
    await expect.poll(() => runs.count()).toBe(2);
    const newest = await runs.first().innerText();
    expect(newest).toContain('manual');
    expect(newest).toContain('succeeded');
    expect(newest).toContain('Succeeded');
    expect(newest).toContain('1 invalid');
    expect(newest).toMatch(/\d+(\.\d)? (ms|s)/);
    expect(await runs.nth(1).innerText()).toContain('startup');
    // The run's own invalid list opens with its findings.
    await runs.first().getByText('1 invalid manifest').click();
    await expect
      .poll(() => runs.first().locator('table.findings').innerText())
      .toContain('key-folder-mismatch');

    const manifests = page.locator('table.manifests tbody tr');
    const acme = manifests.filter({ hasText: BROKEN });
    expect(await acme.innerText()).toContain('invalid');
    expect(
      await manifests.filter({ hasText: 'integrations/hubspot/manifest.json' }).innerText(),
    ).toContain('active');
  });

  it('fits a phone screen', async () => {
    const { page } = await ui.visit('#/sync', { viewport: PHONE, isMobile: true });
    await expect.poll(() => page.locator('table.runs > tbody > tr').count()).toBe(2);
    expect(await fitsViewport(page)).toBe(true);
  });

  it('filters the manifest table by part of the path, asking the server', async () => {
    const { page } = await ui.visit('#/sync');
    const rows = page.locator('table.manifests tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    await page.getByLabel('Filter paths').fill('HUBSPOT');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('integrations/hubspot/manifest.json');
    expect(await page.locator('#manifest-count').innerText()).toBe('1 path matches');
    await page.getByLabel('Filter paths').fill('');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
  });

  // Last, because it moves the branch to a commit the deletion guard refuses.
  it('lists the new manifest of a refused commit as not synced yet, with the reason', async () => {
    const removed = Object.keys(await bundledRegistryFiles()).filter(
      (path) => path.startsWith('integrations/') && path !== 'integrations/hubspot/manifest.json',
    );
    await ui.repo.commit(
      {
        ...Object.fromEntries(removed.map((path) => [path, null])),
        'integrations/newcomer/manifest.json': `${JSON.stringify(integrationManifest({ key: 'newcomer' }), null, 2)}\n`,
      },
      'prune the registry and add a newcomer',
    );
    await ui.repo.push('main');
    const res = await ui.service.fetch('/api/v1/sync', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const run = await ui.service.waitForRun(((await res.json()) as { runId: string }).runId);
    expect(run).toMatchObject({ status: 'refused', reason: 'DeletionGuard' });

    const { page } = await ui.visit('#/sync');
    const waiting = page.locator('section[aria-labelledby="waiting-heading"]');
    await expect.poll(() => waiting.innerText()).toContain('integrations/newcomer/manifest.json');
    expect(await waiting.locator('h2').innerText()).toContain('Not synced yet (1)');
    expect(await waiting.innerText()).toContain('refusing to remove');
    expect(
      await page.locator('table.manifests tbody tr', { hasText: 'newcomer' }).innerText(),
    ).toContain('never-ingested');
  });
});
