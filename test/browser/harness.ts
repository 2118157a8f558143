/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser),
 * against the real service (startService: createRuntime + createHttpRuntime on an ephemeral
 * loopback port, PGlite in a temp folder, a real Git registry synced before the test).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { TestRepo } from '../helpers/gitRepos.js';
import { createRegistryRepo, startService, type Service } from '../integration/http/service.js';

export { ADMIN_TOKEN, bundledRegistryFiles, type Service } from '../integration/http/service.js';

/** Chromium to drive: `REGSYNC_CHROMIUM`, else Debian's. */
export const CHROMIUM = process.env.REGSYNC_CHROMIUM ?? '/usr/bin/chromium';

export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1280, height: 800 };

/**
 * The browser tests never skip: without Chromium they fail with the command that installs it,
 * so a machine that lacks it cannot pass `npm test` by running fewer tests.
 */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `browser tests need Chromium at ${CHROMIUM}: run "apt-get install -y chromium" (as root, .ci/prepare-services does it) or set REGSYNC_CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page plus every console error, uncaught exception and failed request it saw. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  problems: string[];
}

export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? LAPTOP,
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    deviceScaleFactor: 1,
    colorScheme: 'light',
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  return { page, context, problems };
}

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Saves docs/screenshots/<name>.png, only when REGSYNC_SCREENSHOTS=1 (so a test run never dirties the tree). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  if (process.env.REGSYNC_SCREENSHOTS !== '1') return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage,
    animations: 'disabled',
    caret: 'hide',
  });
}

/**
 * Evaluates a JavaScript expression in the page. Expressions are strings because the
 * project compiles without the DOM library (the code in them runs in the browser, not here).
 */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** True when the document is no wider than the viewport (no horizontal scrolling). */
export function fitsViewport(page: Page): Promise<boolean> {
  return inPage(
    page,
    'document.documentElement.scrollWidth <= window.innerWidth && document.body.scrollWidth <= window.innerWidth',
  );
}

/** The focused element: tag name, visible text and name attribute. */
export function focused(
  page: Page,
): Promise<{ tag?: string; text?: string; label?: string | null; outline?: string; top?: number }> {
  return inPage(
    page,
    `(() => { const e = document.activeElement; return e ? { tag: e.tagName, text: e.innerText?.trim(), label: e.getAttribute('name'), outline: getComputedStyle(e).outlineStyle, top: e.getBoundingClientRect().top } : {}; })()`,
  );
}

/** The bundled registry in a real Git repository, synced by the real service, for the page to read. */
export async function startCatalog(
  options: SessionOptions = {},
): Promise<{ repo: TestRepo; service: Service; cleanup: () => Promise<void> }> {
  const repo = await createRegistryRepo();
  const extra = options.env ? await options.env(repo) : { env: {}, cleanup: async () => {} };
  const service = await startService({
    driver: 'pglite',
    repo,
    env: extra.env,
    startupSync: options.startupSync ?? true,
  });
  return { repo, service, cleanup: extra.cleanup };
}

/** How a browser session's service starts. */
export interface SessionOptions {
  startupSync?: boolean;
  /**
   * More environment for the service, made once the bundled registry's repository exists
   * (a layered registry's sources file naming it, say), and what to remove afterwards.
   */
  env?: (repo: TestRepo) => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
}

export interface BrowserSession {
  readonly repo: TestRepo;
  readonly service: Service;
  /** Opens `<service>/<hash>` in a fresh browser context; the context is closed after the test. */
  visit(hash: string, options?: Parameters<typeof openPage>[1]): Promise<WatchedPage>;
}

/**
 * Registers the hooks every browser test file needs: the service on a real registry, one
 * Chromium for the file, and after each test a check that the page it opened logged no
 * console error, uncaught exception, failed request or CSP violation. Call it at the top of
 * a describe block; the file's own beforeAll hooks run after the service is up.
 */
export function browserSession(options: SessionOptions = {}): BrowserSession {
  let repo: TestRepo | undefined;
  let service: Service | undefined;
  let browser: Browser | undefined;
  let open: WatchedPage | undefined;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ repo, service, cleanup } = await startCatalog(options));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await repo?.cleanup();
    await cleanup?.();
  });
  afterEach(async () => {
    const problems = open?.problems ?? [];
    await open?.context.close();
    open = undefined;
    expect(problems).toEqual([]);
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('the browser session has not started (use it inside a test)');
    return value;
  };
  return {
    get repo() {
      return started(repo);
    },
    get service() {
      return started(service);
    },
    async visit(hash, pageOptions = {}) {
      open = await openPage(started(browser), pageOptions);
      await open.page.goto(`${started(service).url}/${hash}`);
      return open;
    },
  };
}
