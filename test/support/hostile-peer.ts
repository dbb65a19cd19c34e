/**
 * Driving a hostile peer in Chromium: an init script that keeps every data channel of the
 * page in `window.__dcs` (made by the page or by the other side), so a test can send on them
 * whatever it likes, as a modified page could.
 */
import type { Page } from 'playwright-core';

export const GRAB_ALL_CHANNELS = `{
  window.__dcs = [];
  const create = RTCPeerConnection.prototype.createDataChannel;
  RTCPeerConnection.prototype.createDataChannel = function (...args) { const dc = create.apply(this, args); window.__dcs.push(dc); return dc; };
  const Original = RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(...args) { super(...args); this.addEventListener('datachannel', (event) => window.__dcs.push(event.channel)); }
  };
}`;

/** Resolves once the page grabbed open channels labelled `duet` (chat) and `files`. */
export async function channelsOpen(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () =>
      ['duet', 'files'].every((label) => (window as unknown as { __dcs: RTCDataChannel[] }).__dcs.some((dc) => dc.label === label && dc.readyState === 'open')),
    null,
    { timeout },
  );
}
