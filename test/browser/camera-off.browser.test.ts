/**
 * When the other person turns the camera off, the remote area shows their
 * initial and says so, in the viewer's language.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

describe.runIf(browserTestsEnabled())('the other person turns the camera off', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];

  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  async function join(room: string, name: string, locale: string): Promise<Page> {
    const page = await joinCall(browser, server.url, room, { locale, name });
    pages.push(page);
    return page;
  }

  it('shows their initial and "camera off" in the middle, in English and in Chinese', async () => {
    const room = uniqueRoom('cam-off');
    const english = await join(room, 'bob', 'en-US');
    const chinese = await join(room, '王芳', 'zh-CN');
    await waitForState(english, 'connected', 30_000);
    await waitForState(chinese, 'connected', 30_000);
    expect(await english.isVisible('#remote-off')).toBe(false);

    await chinese.click('#camera');
    await english.locator('#remote-off').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await english.textContent('#remote-initial')).toBe('王');
    expect(await english.textContent('#remote-off')).toContain('Their camera is off');

    await english.click('#camera');
    await chinese.locator('#remote-off').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await chinese.textContent('#remote-initial')).toBe('B');
    expect(await chinese.textContent('#remote-off')).toContain('对方的摄像头已关闭');

    await chinese.click('#camera'); // back on: the video shows again
    await english.locator('#remote-off').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
  }, 120_000);
});
