/**
 * Calls by name on the people page (/people), in real Chromium with fake camera and
 * microphone, each person in a separate browser context: signing in, ringing, accepting with
 * video both ways, hanging up, declining, calling someone offline or busy, cancelling, a
 * reload that keeps the name, the ring itself (a tone made in the page, the flashing title),
 * and a call by name beside a room call on one server.
 *
 * Alice and Bob sign in once and are shared by the checks: each starts from both of them on the
 * list, free, and leaves them there (a check that leaves a call or a ring up ends it).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { expectMediaFlowing, joinCall, uniqueRoom } from '../support/page-call.js';
import { PEOPLE_WAIT, openPeople, person, ring, signIn, someone as signedIn, uniqueName, waitForStatus } from '../support/people-page.js';
import type { Running } from '../support/server.js';
import { codeFromStats, shownCode } from '../support/verify-page.js';

/** Counts the oscillators the page starts (the ringtone is made of them). */
const COUNT_OSCILLATORS = `
  window.__oscillators = 0;
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (...args) { window.__oscillators++; return create.apply(this, args); };
`;

describe.runIf(browserTestsEnabled())('calls by name on the people page', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  const someone = (label: string) => signedIn(browser, server.url, pages, label);
  /** `a` calls `b` and `b` accepts; resolves once video flows both ways. */
  const callAndAccept = async (a: { page: Page }, b: { page: Page; name: string }) => {
    await ring(a.page, b.page, b.name);
    await b.page.click('#accept');
    await expectMediaFlowing(a.page);
    await expectMediaFlowing(b.page);
  };

  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  type Someone = { page: Page; name: string };
  const pairPages: Page[] = [];
  let pair: Promise<{ alice: Someone; bob: Someone }> | undefined;
  /** Alice and Bob, signed in and free on each other's list (signed in by the first check that asks). */
  const alicebob = async () => {
    pair ??= (async () => ({ alice: await signedIn(browser, server.url, pairPages, 'alice'), bob: await signedIn(browser, server.url, pairPages, 'bob') }))();
    const { alice, bob } = await pair;
    for (const [me, other] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      await me.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
      await person(me.page, other.name).and(me.page.locator('[data-busy="false"]')).waitFor(PEOPLE_WAIT);
    }
    return { alice, bob };
  };
  afterAll(async () => {
    for (const page of pairPages) await page.context().close();
  });

  it('two people sign in and see each other in the list', async () => {
    const { alice, bob } = await alicebob();
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await person(bob.page, alice.name).waitFor(PEOPLE_WAIT);
    expect(await person(alice.page, bob.name).getAttribute('data-busy')).toBe('false');
    expect(await alice.page.textContent('#me')).toContain(alice.name);
  }, 120_000);

  it('a taken name is refused in plain words', async () => {
    const { alice } = await alicebob();
    const other = await openPeople(browser, server.url);
    pages.push(other);
    await other.locator('#login-name').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    await other.fill('#login-name', alice.name.toUpperCase());
    await other.click('#login');
    await waitForStatus(other, 'already uses that name');
    await other.fill('#login-name', '<b>');
    await other.click('#login');
    await waitForStatus(other, 'cannot be used');
    expect(await other.isVisible('#directory')).toBe(false);
  }, 120_000);

  it('an accepted call has video both ways without showing the room, and hanging up tells the other side', async () => {
    const { alice, bob } = await alicebob();
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await person(alice.page, bob.name).locator('button.person-call').click();
    await alice.page.locator('#outgoing', { hasText: `Calling ${bob.name}` }).waitFor(PEOPLE_WAIT);
    await bob.page.locator('#incoming', { hasText: alice.name }).waitFor(PEOPLE_WAIT);
    await bob.page.click('#accept');
    await expectMediaFlowing(alice.page);
    await expectMediaFlowing(bob.page);
    // the caller shows the verification code as the callee does (a caller once had none), the one the certificates give
    const code = await shownCode(alice.page);
    expect(await shownCode(bob.page)).toBe(code);
    expect(await codeFromStats(alice.page)).toBe(code);
    for (const { page } of [alice, bob]) {
      expect(page.url()).toBe(`${server.url}/people`);
      expect(await page.inputValue('#room-link')).toBe('');
      expect(await page.isVisible('#directory')).toBe(false);
    }
    await alice.page.click('#hangup');
    await waitForStatus(bob.page, `${alice.name} hung up`);
    await waitForStatus(alice.page, 'You hung up');
    for (const { page } of [alice, bob]) {
      await page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
      expect(await page.locator('video#remote').count()).toBe(0);
    }
    await person(alice.page, bob.name).and(alice.page.locator('[data-busy="false"]')).waitFor(PEOPLE_WAIT);
    await person(bob.page, alice.name).and(bob.page.locator('[data-busy="false"]')).waitFor(PEOPLE_WAIT);
  }, 180_000);

  it('declining tells the caller, and both stay signed in', async () => {
    // a fresh Bob: after a decline, Alice's rings to him are refused for a while (RING_COOLDOWN_S)
    const { alice } = await alicebob();
    const bob = await someone('bob');
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(alice.page, bob.page, bob.name);
    await bob.page.click('#decline');
    await waitForStatus(alice.page, `${bob.name} declined your call`);
    await alice.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    await bob.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
  }, 120_000);

  it('calling a name nobody uses says they are not online', async () => {
    const { alice } = await alicebob();
    await alice.page.fill('#call-name', uniqueName('nobody'));
    await alice.page.click('#call');
    await waitForStatus(alice.page, 'is not online');
    await alice.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
  }, 120_000);

  it('a third person sees a disabled Call button for someone in a call, and typing the name hears they are busy, as they signed in', async () => {
    const { alice, bob } = await alicebob();
    const carol = await someone('carol');
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await callAndAccept(alice, bob);
    await person(carol.page, bob.name).and(carol.page.locator('[data-busy="true"]')).waitFor(PEOPLE_WAIT);
    expect(await person(carol.page, bob.name).locator('button.person-call').isDisabled()).toBe(true);
    await carol.page.fill('#call-name', bob.name.toUpperCase());
    await carol.page.click('#call');
    await waitForStatus(carol.page, `${bob.name} is busy`);
    await carol.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    await expectMediaFlowing(bob.page); // the call goes on
    await alice.page.click('#hangup'); // free again for the next check
  }, 180_000);

  it('cancelling a ring shows a missed call to the person called', async () => {
    const { alice, bob } = await alicebob();
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(alice.page, bob.page, bob.name);
    // the caller sees their own camera while it rings
    await expect
      .poll(() => alice.page.locator('#ring-preview').evaluate((video: HTMLVideoElement) => (video.hidden ? 0 : video.videoWidth)), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await alice.page.click('#cancel');
    await waitForStatus(bob.page, `Missed call from ${alice.name}`);
    await bob.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    await alice.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
  }, 120_000);

  it('a reload keeps the name', async () => {
    const { alice, bob } = await alicebob();
    await person(bob.page, alice.name).waitFor(PEOPLE_WAIT);
    await alice.page.reload();
    await alice.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    expect(await alice.page.textContent('#me')).toContain(alice.name);
    expect(await alice.page.isVisible('#login-form')).toBe(false);
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await person(bob.page, alice.name).waitFor(PEOPLE_WAIT);
    // and the name still rings
    await ring(bob.page, alice.page, alice.name);
    await bob.page.click('#cancel'); // free again for the next check
  }, 120_000);

  it('a room call and a call by name go on at the same time on one server', async () => {
    const room = uniqueRoom('beside');
    const carol = await joinCall(browser, server.url, room);
    pages.push(carol);
    const dave = await joinCall(browser, server.url, room);
    pages.push(dave);
    const { alice, bob } = await alicebob();
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(alice.page, bob.page, bob.name);
    await bob.page.click('#accept');
    for (const page of [carol, dave, alice.page, bob.page]) await expectMediaFlowing(page);
    await bob.page.click('#hangup');
    await waitForStatus(alice.page, `${bob.name} hung up`);
    await expectMediaFlowing(carol); // the room call is not touched
  }, 180_000);

  it('an incoming call plays a tone made in the page and flashes the title until answered', async () => {
    const { alice } = await alicebob();
    const bobPage = await openPeople(browser, server.url);
    pages.push(bobPage);
    await bobPage.addInitScript(COUNT_OSCILLATORS);
    await bobPage.reload();
    const bob = { page: bobPage, name: uniqueName('bob') };
    await signIn(bob.page, bob.name);
    const titleBefore = await bob.page.title();
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(alice.page, bob.page, bob.name);
    await expect.poll(() => bob.page.evaluate(() => (window as unknown as { __oscillators: number }).__oscillators), PEOPLE_WAIT).toBeGreaterThan(0);
    await expect.poll(() => bob.page.title(), PEOPLE_WAIT).toContain(`${alice.name} is calling`);
    expect(await bob.page.getAttribute('body', 'data-ringing')).toBe('true');
    await bob.page.click('#decline');
    await expect.poll(() => bob.page.title(), PEOPLE_WAIT).toBe(titleBefore);
    expect(await bob.page.getAttribute('body', 'data-ringing')).toBeNull();
  }, 120_000);

  it('speaks Chinese to a Chinese browser, in the ring and the call view too', async () => {
    const { alice } = await alicebob();
    const bobPage = await openPeople(browser, server.url, { locale: 'zh-CN' });
    pages.push(bobPage);
    const bob = { page: bobPage, name: uniqueName('bob') };
    expect(await bob.page.textContent('#login')).toBe('登录');
    await signIn(bob.page, bob.name);
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(alice.page, bob.page, bob.name);
    expect(await bob.page.textContent('#incoming-text')).toBe(`${alice.name} 正在呼叫你`);
    await bob.page.click('#accept');
    await bob.page.locator('#hangup').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    expect(await bob.page.textContent('#hangup .label')).toBe('挂断');
    await alice.page.locator('#hangup').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    await alice.page.click('#hangup');
    await waitForStatus(bob.page, `${alice.name} 挂断了`);
  }, 180_000);
});
