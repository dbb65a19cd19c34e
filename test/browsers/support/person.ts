/**
 * One person in a cross-engine test, the same few actions whichever engine
 * drives their page: Chromium through playwright-core (test/support/browser.ts),
 * Firefox through puppeteer-core over WebDriver BiDi (firefox.ts). Each person is
 * a browser context of their own; close() closes it. Every page records its peer
 * connections in `window.__pcs` (RECORD_PEER_CONNECTIONS).
 */
import type { Browser as PlaywrightBrowser, Page as PlaywrightPage } from 'playwright-core';
import type { ElementHandle, Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';
import { newPerson, RECORD_PEER_CONNECTIONS } from '../../support/browser.js';

export type Engine = 'chromium' | 'firefox';
export type Presence = 'visible' | 'hidden' | 'attached';

export interface Person {
  readonly engine: Engine;
  goto(url: string): Promise<void>;
  click(selector: string): Promise<void>;
  fill(selector: string, text: string): Promise<void>;
  waitFor(selector: string, state?: Presence, timeout?: number): Promise<void>;
  /** The text of the first element matching `selector` ('' when there is none); like attribute(), it does not wait. */
  text(selector: string): Promise<string>;
  attribute(selector: string, name: string): Promise<string | null>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Picks `path` in the file input `selector`. */
  setFile(selector: string, path: string): Promise<void>;
  close(): Promise<void>;
}

const WAIT_MS = 60_000;

export async function chromiumPerson(browser: PlaywrightBrowser): Promise<Person> {
  const { context, page } = await newPerson(browser);
  return playwrightPerson(page, () => context.close());
}

function playwrightPerson(page: PlaywrightPage, close: () => Promise<void>): Person {
  return {
    engine: 'chromium',
    goto: async (url) => void (await page.goto(url)),
    click: (selector) => page.click(selector),
    fill: (selector, text) => page.fill(selector, text),
    waitFor: (selector, state = 'visible', timeout = WAIT_MS) => page.locator(selector).first().waitFor({ state, timeout }),
    text: async (selector) => ((await page.locator(selector).count()) ? ((await page.locator(selector).first().textContent()) ?? '') : ''),
    attribute: (selector, name) => page.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name] as const),
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    setFile: (selector, path) => page.setInputFiles(selector, path),
    close,
  };
}

export async function firefoxPerson(browser: PuppeteerBrowser): Promise<Person> {
  const context = await browser.createBrowserContext();
  // a window each, so every person's page is shown (a tab behind another is throttled)
  const page = await context.newPage({ type: 'window' });
  await page.evaluateOnNewDocument(RECORD_PEER_CONNECTIONS);
  page.on('pageerror', (error) => console.error(`[firefox page error] ${error instanceof Error ? error.message : String(error)}`));
  return puppeteerPerson(page, () => context.close());
}

function puppeteerPerson(page: PuppeteerPage, close: () => Promise<void>): Person {
  return {
    engine: 'firefox',
    goto: async (url) => void (await page.goto(url)),
    click: (selector) => page.locator(selector).setTimeout(WAIT_MS).click(),
    fill: (selector, text) => page.locator(selector).setTimeout(WAIT_MS).fill(text),
    waitFor: async (selector, state = 'visible', timeout = WAIT_MS) =>
      void (await page.waitForSelector(selector, { timeout, ...(state === 'visible' && { visible: true }), ...(state === 'hidden' && { hidden: true }) })),
    text: async (selector) => ((await page.$(selector)) ? page.$eval(selector, (el) => el.textContent ?? '') : ''),
    attribute: (selector, name) => page.evaluate((s, n) => document.querySelector(s)?.getAttribute(n) ?? null, selector, name),
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    setFile: async (selector, path) => {
      const input = (await page.$(selector)) as ElementHandle<HTMLInputElement> | null;
      if (!input) throw new Error(`no file input matches ${selector}`);
      await input.uploadFile(path);
    },
    close,
  };
}
