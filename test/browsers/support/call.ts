/**
 * What the cross-engine tests do and check in a call, over a Person of either
 * engine: joining a room, calling by name, media arriving, the verification code
 * shown and the code the test derives itself, chat, badges and files.
 */
import { expect } from 'vitest';
import { verificationCode } from '../../../src/public/js/verify/code.js';
import { fingerprintsFromSdp } from '../../../src/public/js/verify/fingerprints.js';
import type { Person } from './person.js';

const WAIT = { timeout: 60_000, interval: 250 };

/** Opens `/r/<room>` and presses Join. */
export async function joinRoom(person: Person, baseUrl: string, room: string): Promise<void> {
  await person.goto(`${baseUrl}/r/${encodeURIComponent(room)}`);
  await person.waitFor('#join:not([disabled])');
  await person.click('#join');
}

export async function waitForState(person: Person, state: string, timeout = 60_000): Promise<void> {
  await person.waitFor(`#status[data-state="${state}"]`, 'attached', timeout);
}

interface Progress {
  videoWidth: number;
  currentTime: number;
  framesDecoded: number;
  audioPackets: number;
}

/** What the newest connection and `video#remote` received so far (runs in the page). */
async function progressInPage(): Promise<Progress> {
  const video = document.querySelector<HTMLVideoElement>('video#remote');
  const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter((c) => c.connectionState !== 'closed' && c.remoteDescription);
  const pc = pcs[pcs.length - 1];
  let framesDecoded = 0;
  let audioPackets = 0;
  if (pc) {
    (await pc.getStats()).forEach((s: Record<string, unknown>) => {
      if (s.type !== 'inbound-rtp') return;
      if (s.kind === 'video') framesDecoded += Number(s.framesDecoded ?? 0);
      if (s.kind === 'audio') audioPackets += Number(s.packetsReceived ?? 0);
    });
  }
  return { videoWidth: video?.videoWidth ?? 0, currentTime: video?.currentTime ?? 0, framesDecoded, audioPackets };
}

/** Waits until `person` shows the other's video and receives their sound, then until all of it keeps advancing. */
export async function expectMediaFlowing(person: Person): Promise<void> {
  let first: Progress | undefined;
  await expect
    .poll(async () => {
      first = await person.evaluate(progressInPage, undefined);
      return first.videoWidth > 0 && first.framesDecoded > 0 && first.audioPackets > 0;
    }, WAIT)
    .toBe(true);
  await expect
    .poll(async () => {
      const later = await person.evaluate(progressInPage, undefined);
      return later.currentTime > first!.currentTime && later.framesDecoded > first!.framesDecoded && later.audioPackets > first!.audioPackets;
    }, WAIT)
    .toBe(true);
}

/** The code `#verify-code` shows once it is visible and not `other`. */
export async function shownCode(person: Person, other?: string): Promise<string> {
  let code = '';
  await expect
    .poll(async () => {
      code = (await person.attribute('#verify', 'data-state')) === 'code' ? await person.text('#verify-code') : '';
      return /^\d{3} \d{3} \d{3}$/u.test(code) && code !== other;
    }, WAIT)
    .toBe(true);
  return code;
}

/** The fingerprint line of the local description of `person`'s connection in use, as their own browser wrote it. */
async function ownFingerprint(person: Person) {
  const sdp = await person.evaluate(() => {
    const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter((c) => c.connectionState === 'connected');
    return pcs[pcs.length - 1]?.currentLocalDescription?.sdp ?? '';
  }, undefined);
  const prints = fingerprintsFromSdp(sdp);
  if (prints?.length !== 1) throw new Error(`${person.engine}: expected one certificate in its local description, found ${JSON.stringify(prints)}`);
  return prints[0]!;
}

/** The code derived in the test from the two certificates the browsers made for this call (each from its own local description). */
export async function expectedCode(a: Person, b: Person): Promise<string> {
  return verificationCode(await ownFingerprint(a), await ownFingerprint(b));
}

/** Both show the same code, the one the test derives from the two browsers' own certificates; returns it. */
export async function expectSameCode(a: Person, b: Person, other?: string): Promise<string> {
  const code = await shownCode(a, other);
  await expect.poll(() => b.attribute('#verify', 'data-state').then(async (s) => (s === 'code' ? b.text('#verify-code') : '')), WAIT).toBe(code);
  expect(await expectedCode(a, b)).toBe(code);
  return code;
}

/** Opens the chat panel, sends `text`, and waits for it on the other side. */
export async function chat(from: Person, to: Person, text: string): Promise<void> {
  for (const person of [from, to]) {
    if ((await person.attribute('#chat-toggle', 'aria-pressed')) !== 'true') await person.click('#chat-toggle');
    await person.waitFor('#chat-input:not([disabled])');
  }
  await from.fill('#chat-input', text);
  await from.click('#chat-send');
  await expect.poll(() => to.evaluate((t) => [...document.querySelectorAll('#chat-log li')].some((li) => li.textContent?.includes(t)), text), WAIT).toBe(true);
}

/** `from` mutes and turns the camera off, `to` sees both badges; then both back on, and the badges go. */
export async function badges(from: Person, to: Person): Promise<void> {
  await from.click('#mute');
  await to.waitFor('#badge-muted', 'visible');
  await from.click('#camera');
  await to.waitFor('#badge-camera-off', 'visible');
  await from.click('#mute');
  await to.waitFor('#badge-muted', 'hidden');
  await from.click('#camera');
  await to.waitFor('#badge-camera-off', 'hidden');
}

/** The `data-transfer` ids of the file items matching `selector` in `person`'s chat log. */
const transfers = (person: Person, selector: string) =>
  person.evaluate((sel) => [...document.querySelectorAll<HTMLElement>(sel)].map((li) => li.dataset.transfer ?? ''), selector);

/** The id of the first file item matching `selector` that is not one of `before`, once `person` shows one. */
async function newTransfer(person: Person, selector: string, before: readonly string[]): Promise<string> {
  let id = '';
  await expect.poll(async () => (id = (await transfers(person, selector)).find((t) => !before.includes(t)) ?? ''), WAIT).not.toBe('');
  return id;
}

/**
 * `from` sends the file at `path`, `to` accepts it, and both show it complete with `sha256`. The chat
 * log keeps the files of earlier connections, so the items of this one are told apart by their ids.
 */
export async function sendFile(from: Person, to: Person, path: string, sha256: string): Promise<void> {
  for (const person of [from, to]) {
    if ((await person.attribute('#chat-toggle', 'aria-pressed')) !== 'true') await person.click('#chat-toggle');
  }
  const theirs = '#chat-log li.file.theirs';
  const mine = '#chat-log li.file.mine';
  const [before, sentBefore] = [await transfers(to, theirs), await transfers(from, mine)];
  await from.waitFor('#file-input:not([disabled])', 'attached');
  await from.setFile('#file-input', path);
  const offer = `${theirs}[data-transfer="${await newTransfer(to, theirs, before)}"]`;
  await to.waitFor(`${offer}[data-state="offered"] .file-accept`);
  await to.click(`${offer} .file-accept`);
  await to.waitFor(`${offer}[data-state="complete"]`, 'attached', 120_000);
  const sent = `${mine}[data-transfer="${await newTransfer(from, mine, sentBefore)}"]`;
  await from.waitFor(`${sent}[data-state="complete"]`, 'attached', 60_000);
  expect(await to.text(`${offer} .file-hash`)).toBe(`SHA-256: ${sha256}`);
  expect(await from.text(`${sent} .file-hash`)).toBe(`SHA-256: ${sha256}`);
}

/** Signs in on /people as `name` and waits for the list. */
export async function signIn(person: Person, baseUrl: string, name: string): Promise<void> {
  await person.goto(`${baseUrl}/people`);
  await person.waitFor('#login-name');
  await person.fill('#login-name', name);
  await person.click('#login');
  await person.waitFor('#directory');
}

/** `caller` calls `callee` by name from the list, `callee` accepts. */
export async function callByName(caller: Person, callee: Person, calleeName: string): Promise<void> {
  await caller.click(`#people li[data-name="${calleeName}"] button.person-call`);
  await callee.waitFor('#incoming');
  await callee.click('#accept');
}

let counter = 0;
/** A name or room no other test of this run uses. */
export function unique(label: string): string {
  return `${label}${process.pid % 1000}${++counter}`;
}
