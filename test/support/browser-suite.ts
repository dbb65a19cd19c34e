/**
 * The hooks every browser test file shares: one duet server and one Chromium
 * for the file, the browser context of every page a test opened closed after
 * that test, and a person the tests of a block can share.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/**
 * One person (a browser context and its page) whom the tests of a describe block take turns being,
 * for checks that need no fresh profile: a context with its page costs about 0.7 core-seconds before it
 * loads anything, which a file of small checks would otherwise pay for each. The returned function
 * gives the page; each test navigates it where it needs first. After each test the page forgets what
 * the test stored (localStorage, sessionStorage) and leaves for about:blank, ending whatever was left
 * running (a call, the camera); a page that cannot (closed, crashed) is closed with its context, and the
 * next test gets a new person. A test's init script is tied to its own room with `onlyAt`; tests that
 * route the page's requests, or whose point is a fresh profile, open a person of their own. The context
 * is closed after the block.
 */
export function sharedPerson(browser: () => Browser, options: OpenOptions = {}): () => Promise<Page> {
  let person: Promise<{ context: BrowserContext; page: Page }> | undefined;
  const drop = async () => {
    const made = await person?.catch(() => undefined);
    person = undefined;
    await made?.context.close().catch(() => undefined);
  };
  afterEach(async () => {
    const made = await person?.catch(() => undefined);
    if (!made) {
      person = undefined;
      return;
    }
    try {
      if (made.page.url().startsWith('https:')) {
        await made.page.evaluate(() => {
          localStorage.clear();
          sessionStorage.clear();
        });
      }
      await made.page.goto('about:blank');
    } catch {
      await drop();
    }
  });
  afterAll(drop);
  return async () => (await (person ??= newPerson(browser(), options))).page;
}

/**
 * `script` (an init script) made to act only on the page at `pathname`: a page's init scripts stay
 * for every later document, so on a shared page a test's condition (a missing camera, an insecure
 * page) is tied to the room that only this test opens.
 */
export function onlyAt(pathname: string, script: string): string {
  return `if (location.pathname === ${JSON.stringify(pathname)}) { ${script} }`;
}
