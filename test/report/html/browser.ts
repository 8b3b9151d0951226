import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, as .ci/run installs it. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet headless Chromium that contacts nothing on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium (Playwright gives each launch a fresh temporary user-data-dir). */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** What a page did that a data docs page must never do. */
export interface Watch {
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests for anything but a file: URL (aborted). */
  requests: string[];
  /** alert/confirm/prompt dialogs opened (dismissed). */
  dialogs: string[];
}

/**
 * A context whose every request that leaves file: is recorded and aborted, with a watch of errors and
 * dialogs on each page; `bypassCSP` turns the pages' policy off, so that escaping alone is tested.
 */
export async function watchedContext(
  browser: Browser,
  opts: { bypassCSP?: boolean } = {},
): Promise<{ context: BrowserContext; watch: Watch; open: (url: string) => Promise<Page> }> {
  const context = await browser.newContext({
    bypassCSP: Boolean(opts.bypassCSP),
    viewport: { width: 1200, height: 900 },
  });
  const watch: Watch = { errors: [], requests: [], dialogs: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    watch.requests.push(url);
    return route.abort();
  });
  const open = async (url: string) => {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') watch.errors.push(m.text());
    });
    page.on('pageerror', (e) => watch.errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) watch.requests.push(r.url());
    });
    page.on('dialog', (d) => {
      watch.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return page;
  };
  return { context, watch, open };
}
