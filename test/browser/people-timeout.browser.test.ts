/**
 * A ring nobody answers on the people page, with a short RING_TIMEOUT_S, in real Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { PEOPLE_WAIT, person, ring, someone as signedIn, waitForStatus } from '../support/people-page.js';
import type { Running } from '../support/server.js';

describe.runIf(browserTestsEnabled())('a ring nobody answers', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  const someone = (label: string) => signedIn(browser, server.url, pages, label);

  browserSuite((s, b) => ((server = s), (browser = b)), pages, { people: { ...PEOPLE_DEFAULTS, ringTimeoutS: 3 } });

  it('a ring nobody answers tells the caller "no answer" and the other a missed call', async () => {
    const alice = await someone('alice');
    const bob = await someone('bob');
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(alice.page, bob.page, bob.name);
    await waitForStatus(alice.page, `${bob.name} did not answer`);
    await waitForStatus(bob.page, `Missed call from ${alice.name}`);
    await alice.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    await bob.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
  }, 120_000);
});
