/**
 * WCAG 2.2 AA as an auditor checks it: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page
 * and call state, each in English and Chinese at desktop (1280x800) and phone (390x844) size.
 * Each state is reached once and audited four times there (language and size switched in place, axe
 * put into each document once). The three tests, and pages that do not depend on each other, run at once.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, it, type ExpectStatic } from 'vitest';
import { audit, describeFindings, type Finding } from '../support/axe.js';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, openForTest } from '../support/browser-suite.js';
import { openChat, uniqueRoom, waitForState } from '../support/page-call.js';
import { person, signIn, uniqueName, PEOPLE_WAIT } from '../support/people-page.js';
import type { Running } from '../support/server.js';
import { UI_WAIT } from '../support/waits.js';

/** Guards, not targets: each test audits several states four times, minutes on a loaded 2-core machine. */
const AUDIT_GUARD_MS = 300_000;

describe.runIf(browserTestsEnabled())('accessibility (axe-core, WCAG 2.2 A and AA)', () => {
  let server: Running;
  let browser: Browser;
  // each test closes the contexts it opened itself (openForTest): the tests run at once
  browserSuite((s, b) => ((server = s), (browser = b)), []);

  const expectClean = (expect: ExpectStatic, findings: Finding[]) => expect(describeFindings(findings)).toBe('');

  /** Opens the room page on `page` until Join can be pressed (not pressed). */
  async function openRoom(page: Page, room: string): Promise<void> {
    await page.goto(`${server.url}/r/${room}`);
    await page.locator('#join:not([disabled])').waitFor(UI_WAIT);
  }

  it.concurrent(
    'the home page, /setup and /check have no violation',
    async ({ expect, onTestFinished }) => {
      const { page } = await openForTest(browser, { onTestFinished });
      const findings: Finding[] = [];
      for (const [path, ready, label] of [
        ['/', '#new-room', 'home'],
        ['/setup', '#fingerprint', '/setup'],
        ['/check', '#check-start', '/check'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await page.locator(ready).waitFor(UI_WAIT);
        findings.push(...(await audit(page, label)));
      }
      expectClean(expect, findings);
    },
    AUDIT_GUARD_MS,
  );

  it.concurrent(
    'the room page has no violation before joining, waiting, in a call with chat and statistics open, after the other left and after hanging up',
    async ({ expect, onTestFinished }) => {
      const room = uniqueRoom('a11y');
      const [{ page: alice }, { page: bob }] = await Promise.all([openForTest(browser, { onTestFinished }), openForTest(browser, { onTestFinished })]);
      const findings: Finding[] = [];
      await openRoom(alice, room);
      findings.push(...(await audit(alice, 'room before joining')));
      await alice.click('#join');
      await waitForState(alice, 'waiting');
      // bob's page loads while alice is audited waiting; he joins once that audit is done
      const [waitingAlone] = await Promise.all([audit(alice, 'room, waiting alone'), openRoom(bob, room)]);
      findings.push(...waitingAlone);

      await bob.click('#join');
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
      const afterwards = await Promise.all([audit(alice, 'room, after the other person left'), audit(bob, 'room, after hanging up')]);
      findings.push(...afterwards.flat());
      expectClean(expect, findings);
    },
    AUDIT_GUARD_MS,
  );

  it.concurrent(
    '/people has no violation when signing in, on the list and while a call rings',
    async ({ expect, onTestFinished }) => {
      const [{ page: callee }, { page: caller }] = await Promise.all([openForTest(browser, { onTestFinished }), openForTest(browser, { onTestFinished })]);
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
      expectClean(expect, findings);
    },
    AUDIT_GUARD_MS,
  );
});
