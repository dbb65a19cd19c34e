/**
 * The home page as a newcomer meets it, in real Chromium: an empty room field that says what
 * to type (not a name that looks filled in), "type a name" for an empty Join, New room as the
 * primary button, and a name the rule refuses answered with the nearest valid one, in both
 * languages; the people page says that names have no password.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import type { Running } from '../support/server.js';

describe.runIf(browserTestsEnabled())('the home page for a newcomer', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  async function home(locale = 'en-US'): Promise<Page> {
    const { page } = await openTracked(browser, pages, { locale });
    await page.goto(`${server.url}/`);
    await page.locator('#new-room').waitFor({ timeout: 30_000 });
    return page;
  }

  it('shows an empty field with a hint, makes New room the primary button, and asks for a name on an empty Join', async () => {
    const page = await home();
    expect(await page.inputValue('#room-input')).toBe('');
    expect(await page.getAttribute('#room-input', 'placeholder')).toBe('Type a name, e.g. sunday-call');
    expect(await page.getAttribute('#new-room', 'class')).toContain('primary');
    expect((await page.getAttribute('#join-room', 'class')) ?? '').not.toContain('primary');
    await page.click('#join-room');
    expect(await page.textContent('#room-error')).toBe('Type a room name first, or press New room.');
    expect(await page.isVisible('#room-suggestion')).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/');
  }, 180_000);

  it('offers the nearest valid name for "Grandma & me!" and joins it in one click', async () => {
    const page = await home();
    await page.fill('#room-input', 'Grandma & me!');
    await page.click('#join-room');
    expect(await page.textContent('#room-error')).toContain('Room names are 1 to 64 letters or digits');
    expect(await page.textContent('#room-suggest')).toBe('Join "Grandma-me" instead');
    await Promise.all([page.waitForURL(/\/r\/Grandma-me$/, { timeout: 30_000 }), page.click('#room-suggest')]);
  }, 180_000);

  it('the people page says names have no password, in both languages', async () => {
    const { page } = await openTracked(browser, pages);
    await page.goto(`${server.url}/people`);
    await page.locator('#login-form').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.textContent('#no-password')).toContain('Names have no password');
    // a person's Call button is an ordinary blue button, not drawn with the call view's black stage
    const callButton = await page.evaluate(() => {
      const li = document.createElement('li');
      const button = Object.assign(document.createElement('button'), { className: 'call primary', textContent: 'Call' });
      li.append(button);
      document.getElementById('people')!.append(li);
      const style = getComputedStyle(button);
      return { background: style.backgroundColor, position: style.position };
    });
    expect(callButton).toEqual({ background: 'rgb(37, 99, 235)', position: 'static' }); // --accent-fill, the primary blue
    await page.selectOption('#lang', 'zh');
    expect(await page.textContent('#no-password')).toContain('名字没有密码');
  }, 180_000);

  it('says the same in Chinese', async () => {
    const page = await home('zh-CN');
    expect(await page.getAttribute('#room-input', 'placeholder')).toBe('输入一个名字，例如 周日通话');
    await page.click('#join-room');
    expect(await page.textContent('#room-error')).toBe('请先输入房间名，或点“新建房间”。');
    await page.fill('#room-input', '奶奶 & 我!');
    await page.click('#join-room');
    expect(await page.textContent('#room-suggest')).toBe('改为加入“奶奶-我”');
  }, 180_000);
});
