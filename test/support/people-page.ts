/**
 * Helpers for driving duet's people page (/people) in a real browser.
 */
import type { Browser, Page } from 'playwright-core';
import { newPerson, type OpenOptions } from './browser.js';
import { UI_WAIT } from './waits.js';

export const PEOPLE_WAIT = UI_WAIT;

/** Opens /people as a new person, without signing in. */
export async function openPeople(browser: Browser, baseUrl: string, options: OpenOptions = {}): Promise<Page> {
  const { page } = await newPerson(browser, options);
  await page.goto(`${baseUrl}/people`);
  return page;
}

/** Signs `page` in as `name` and waits for the list. */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.locator('#login-name').waitFor({ state: 'visible', ...PEOPLE_WAIT });
  await page.fill('#login-name', name);
  await page.click('#login');
  await page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
}

/** The entry of `name` in the list of who is online. */
export const person = (page: Page, name: string) => page.locator(`#people li[data-name="${name}"]`);

/** Waits until #status (the list's, or the call's during a call) contains `text`. */
export async function waitForStatus(page: Page, text: string): Promise<void> {
  await page.locator('#status', { hasText: text }).waitFor(PEOPLE_WAIT);
}

/** `caller` calls `callee` by clicking their entry; resolves once `callee` shows the incoming call. */
export async function ring(caller: Page, callee: Page, calleeName: string): Promise<void> {
  await person(caller, calleeName).locator('button.person-call').click();
  await callee.locator('#incoming').waitFor({ state: 'visible', ...PEOPLE_WAIT });
}

let counter = 0;
/** A name no other test of this run uses (names are unique on a server). */
export function uniqueName(label: string): string {
  return `${label}${process.pid % 1000}-${++counter}`;
}

/** A new person on /people, signed in under a unique name made from `label`; `pages` collects the page for cleanup. */
export async function someone(browser: Browser, baseUrl: string, pages: Page[], label: string): Promise<{ page: Page; name: string }> {
  const page = await openPeople(browser, baseUrl);
  pages.push(page);
  const name = uniqueName(label);
  await signIn(page, name);
  return { page, name };
}
