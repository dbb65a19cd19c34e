/**
 * WCAG 2.2 AA as an auditor checks it: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page
 * and call state, each in English and Chinese at desktop (1280x800) and phone (390x844) size.
 * Each state is reached once and audited four times there (language and size switched in place).
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { audit, describeFindings, type Finding } from '../support/axe.js';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import { joinCall, openChat, uniqueRoom, waitForState } from '../support/page-call.js';
import { person, signIn, uniqueName, PEOPLE_WAIT } from '../support/people-page.js';
import type { Running } from '../support/server.js';
import { UI_WAIT } from '../support/waits.js';

/** Guards, not targets: each test audits several states four times, minutes on a loaded 2-core machine. */
const AUDIT_GUARD_MS = 300_000;

describe.runIf(browserTestsEnabled())('accessibility (axe-core, WCAG 2.2 A and AA)', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  const expectClean = (findings: Finding[]) => expect(describeFindings(findings)).toBe('');

  it(
    'the home page, /setup and /check have no violation',
    async () => {
      const { page } = await openTracked(browser, pages);
      const findings: Finding[] = [];
      await page.goto(`${server.url}/`);
      await page.locator('#new-room').waitFor(UI_WAIT);
      findings.push(...(await audit(page, 'home')));
      await page.goto(`${server.url}/setup`);
      await page.locator('#fingerprint').waitFor(UI_WAIT);
      findings.push(...(await audit(page, '/setup')));
      await page.goto(`${server.url}/check`);
      await page.locator('#check-start').waitFor(UI_WAIT);
      findings.push(...(await audit(page, '/check')));
      expectClean(findings);
    },
    AUDIT_GUARD_MS,
  );

  it(
    'the room page has no violation before joining, waiting, in a call with chat and statistics open, after the other left and after hanging up',
    async () => {
      const room = uniqueRoom('a11y');
      const { page: alice } = await openTracked(browser, pages);
      const findings: Finding[] = [];
      await alice.goto(`${server.url}/r/${room}`);
      await alice.locator('#join:not([disabled])').waitFor(UI_WAIT);
      findings.push(...(await audit(alice, 'room before joining')));
      await alice.click('#join');
      await waitForState(alice, 'waiting');
      findings.push(...(await audit(alice, 'room, waiting alone')));

      const bob = await joinCall(browser, server.url, room);
      pages.push(bob);
      await waitForState(alice, 'connected');
      await waitForState(bob, 'connected');
      findings.push(...(await audit(alice, 'room, in a call')));
      await openChat(alice);
      await alice.click('#stats');
      await alice.locator('#stats-list dd').first().waitFor(UI_WAIT);
      findings.push(...(await audit(alice, 'room, in a call with chat and statistics open')));

      await bob.click('#hangup');
      await waitForState(alice, 'left');
      await waitForState(bob, 'ended');
      findings.push(...(await audit(alice, 'room, after the other person left')));
      findings.push(...(await audit(bob, 'room, after hanging up')));
      expectClean(findings);
    },
    AUDIT_GUARD_MS,
  );

  it(
    '/people has no violation when signing in, on the list and while a call rings',
    async () => {
      const { page: callee } = await openTracked(browser, pages);
      const { page: caller } = await openTracked(browser, pages);
      const findings: Finding[] = [];
      await callee.goto(`${server.url}/people`);
      await callee.locator('#login-name').waitFor({ state: 'visible', ...PEOPLE_WAIT });
      findings.push(...(await audit(callee, '/people, sign-in')));
      const calleeName = uniqueName('axe');
      await signIn(callee, calleeName);
      await caller.goto(`${server.url}/people`);
      await signIn(caller, uniqueName('axe'));
      await person(caller, calleeName).waitFor(PEOPLE_WAIT);
      findings.push(...(await audit(caller, '/people, the list')));
      await person(caller, calleeName).locator('button.person-call').click();
      await callee.locator('#incoming').waitFor({ state: 'visible', ...PEOPLE_WAIT });
      findings.push(...(await audit(callee, '/people, an incoming call')));
      expectClean(findings);
    },
    AUDIT_GUARD_MS,
  );
});
