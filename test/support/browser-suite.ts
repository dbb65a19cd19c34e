/**
 * The hooks every browser test file shares: one duet server and one Chromium
 * for the file, and the browser context of every page a test opened closed
 * after that test.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, type TestContext } from 'vitest';
import { launchBrowser, newPerson, type LaunchOptions, type OpenOptions } from './browser.js';
import type { ServerConfig } from '../../src/server/app.js';
import { startServer, type Running } from './server.js';

/** A new person (a browser context of their own) whose context the suite closes after the test. */
export async function openTracked(browser: Browser, pages: Page[], options: OpenOptions = {}): ReturnType<typeof newPerson> {
  const made = await newPerson(browser, options);
  pages.push(made.page);
  return made;
}

/**
 * `config` changes the server's configuration (a short RING_TIMEOUT_S, an ACCESS_CODE…);
 * `launch.own` gives the file a Chromium of its own instead of the run's shared one.
 */
export function browserSuite(
  ready: (server: Running, browser: Browser) => void,
  pages: Page[],
  config: Partial<ServerConfig> = {},
  launch: Pick<LaunchOptions, 'own' | 'camera'> = {},
): void {
  let server: Running | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer({}, config);
    browser = await launchBrowser({ cert: server.cert, ...launch });
    ready(server, browser);
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

/**
 * A new person whose context is closed when the test that opened it finishes, through that test's
 * own `onTestFinished`: for tests that run at once (`it.concurrent`), where the suite's `pages` list
 * is emptied after whichever test ends first.
 */
export async function openForTest(browser: Browser, test: Pick<TestContext, 'onTestFinished'>, options: OpenOptions = {}): ReturnType<typeof newPerson> {
  const made = await newPerson(browser, options);
  test.onTestFinished(() => made.context.close());
  return made;
}
