/**
 * The home page, the language switch and the plain-words messages for media
 * problems, in real Chromium. The checks in English share one person, and the person
 * they call another; the two in Chinese (a language remembered, a camera prompt left
 * unanswered) each have a fresh profile.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, mediaProgress, type OpenOptions } from '../support/browser.js';
import { browserSuite, onlyAt, openTracked, sharedPerson } from '../support/browser-suite.js';
import { expectMediaFlowing, joinOn, statusOf, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

/** Makes getUserMedia fail the way a browser does for `video` or for everything. */
function failingMedia(name: 'NotFoundError' | 'NotAllowedError', scope: 'video' | 'all'): string {
  return `{
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (c) =>
      ${scope === 'all' ? 'true' : 'Boolean(c && c.video)'} ? Promise.reject(new DOMException('refused', ${JSON.stringify(name)})) : real(c);
  }`;
}

/** Answers getUserMedia only once the test calls window.__answerCamera(), like a person who has not yet answered the camera prompt. */
const SLOW_CAMERA = `{
  window.__mediaAnswered = false;
  let answer;
  const answered = new Promise((ok) => (answer = ok));
  window.__answerCamera = () => answer();
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (c) => answered.then(() => real(c)).finally(() => (window.__mediaAnswered = true));
}`;

describe.runIf(browserTestsEnabled())('the pages around the call', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  const person = (options: OpenOptions = {}) => openTracked(browser, pages, options);

  browserSuite((s, b) => ((server = s), (browser = b)), pages);
  const shared = sharedPerson(() => browser);
  /** The other person in the calls below, shared too. */
  const sharedOther = sharedPerson(() => browser);
  /** The shared page, with `script` run before the page's own code in `room` only. */
  const sharedIn = async (room: string, script: string) => {
    const page = await shared();
    await page.addInitScript(onlyAt(`/r/${encodeURIComponent(room)}`, script));
    return page;
  };
  /** The other person joins `room`. */
  const otherJoins = async (room: string) => {
    const other = await sharedOther();
    await joinOn(other, server.url, room);
    return other;
  };

  it('the home page makes a new room with a readable random name and remembers it', async () => {
    const page = await shared();
    await page.goto(`${server.url}/`);
    await page.click('#new-room');
    await page.waitForURL(/\/r\/[a-z]{6}(-[a-z]{6}){3}$/, { timeout: UI_WAIT_MS });
    const room = decodeURIComponent(new URL(page.url()).pathname.slice(3));
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    await page.click('#join');
    await waitForState(page, 'waiting');
    expect(await page.inputValue('#room-link')).toBe(`${server.url}/r/${room}`);
    expect(await page.locator('#qr').evaluate((c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(100);
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('#recent-list a').first().textContent(), { timeout: UI_WAIT_MS }).toBe(room);
  });

  it('the home page refuses a room name with spaces and explains why', async () => {
    const page = await shared();
    await page.goto(`${server.url}/`);
    await page.fill('#room-input', 'my room');
    await page.press('#room-input', 'Enter');
    await page.locator('#room-error').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await page.textContent('#room-error')).toContain('letters or digits');
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('the pre-join screen previews the camera and shows the microphone level', async () => {
    const page = await shared();
    await page.goto(`${server.url}/r/${uniqueRoom('preview')}`);
    await expect.poll(() => page.locator('#preview').evaluate((v) => (v as HTMLVideoElement).videoWidth), { timeout: UI_WAIT_MS }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#mic-level').evaluate((m) => (m as HTMLMeterElement).value), { timeout: UI_WAIT_MS }).toBeGreaterThan(0.1);
    expect(await page.locator('#camera-select option').count()).toBeGreaterThan(0);
    expect(await page.locator('#mic-select option').count()).toBeGreaterThan(0);
  });

  it('speaks Chinese to a Chinese browser and switches to English on request', async () => {
    const { page } = await person({ locale: 'zh-CN' });
    await page.goto(`${server.url}/r/${uniqueRoom('zh')}`);
    await expect.poll(() => page.textContent('#join'), { timeout: UI_WAIT_MS }).toBe('加入');
    await page.selectOption('#lang', 'en');
    await expect.poll(() => page.textContent('#join'), { timeout: UI_WAIT_MS }).toBe('Join');
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS }); // the camera arrived and nothing switched back
    expect(await page.textContent('#join')).toBe('Join');
    expect(await page.inputValue('#lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.textContent('#join'), { timeout: UI_WAIT_MS }).toBe('Join'); // the choice is remembered
  });

  it('switches language while the camera prompt is still unanswered', async () => {
    const { page } = await person({ locale: 'zh-CN' });
    await page.addInitScript(SLOW_CAMERA);
    await page.goto(`${server.url}/r/${uniqueRoom('zh-slow')}`);
    await expect.poll(() => page.textContent('#join'), { timeout: UI_WAIT_MS }).toBe('加入');
    expect(await page.evaluate(() => (window as unknown as { __mediaAnswered: boolean }).__mediaAnswered)).toBe(false);
    await page.selectOption('#lang', 'en');
    await expect.poll(() => page.textContent('#join'), { timeout: UI_WAIT_MS }).toBe('Join');
    expect(await page.evaluate(() => (window as unknown as { __mediaAnswered: boolean }).__mediaAnswered)).toBe(false);
    await page.evaluate(() => (window as unknown as { __answerCamera(): void }).__answerCamera()); // now the person answers the prompt
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    expect(await page.textContent('#join')).toBe('Join');
    expect(await page.textContent('#prejoin h1')).toBe('Ready to join?');
    expect(await page.inputValue('#lang')).toBe('en');
  });

  it('someone without a camera is told so, joins with the microphone and still sees the other person', async () => {
    const room = uniqueRoom('nocam');
    const page = await sharedIn(room, failingMedia('NotFoundError', 'video'));
    await page.goto(`${server.url}/r/${room}`);
    await page.locator('#media-message').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await page.textContent('#media-message')).toContain('No camera found');
    await page.click('#join:not([disabled])');
    await waitForState(page, 'waiting');
    const other = await otherJoins(room);
    await expectMediaFlowing(page); // video and audio arrive although we send only audio
    await expect.poll(async () => (await mediaProgress(other)).audioPackets, { timeout: UI_WAIT_MS }).toBeGreaterThan(0);
  });

  it('someone without a camera can share the screen, which renegotiates and reaches the other person', async () => {
    const room = uniqueRoom('nocam-share');
    const page = await sharedIn(room, failingMedia('NotFoundError', 'video'));
    await page.goto(`${server.url}/r/${room}`);
    await page.click('#join:not([disabled])');
    await waitForState(page, 'waiting');
    const other = await otherJoins(room);
    await waitForState(other, 'connected');
    expect((await mediaProgress(other)).framesDecoded).toBe(0); // nothing to see yet
    await page.click('#share-screen');
    await other.locator('#badge-screen').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    await expect.poll(async () => (await mediaProgress(other)).framesDecoded, { timeout: UI_WAIT_MS }).toBeGreaterThan(5);
  });

  it('someone who denied the camera and microphone is told how to fix it and can still watch', async () => {
    const room = uniqueRoom('denied');
    const page = await sharedIn(room, failingMedia('NotAllowedError', 'all'));
    await page.goto(`${server.url}/r/${room}`);
    await page.locator('#media-message').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await page.textContent('#media-message')).toContain('denied');
    expect(await page.isVisible('#retry')).toBe(true);
    const other = await otherJoins(room);
    await waitForState(other, 'waiting');
    await page.click('#join:not([disabled])');
    await expectMediaFlowing(page, 'video#remote');
    expect((await statusOf(page)).state).toBe('connected');
  });
});
