/**
 * One file transfer in the chat log: who, the (cleaned) name and size as
 * text, a progress bar with speed and time left, the state in words, Accept /
 * Decline for an offer, Cancel while it is live, the SHA-256 once known, and on
 * a received file a download link. Everything from the other side is shown with
 * textContent only.
 */
import { formatBytes, formatSpeed, formatTimeLeft } from '../files/format.js';
import type { IncomingTransfer } from '../files/receiver.js';
import type { OutgoingTransfer } from '../files/sender.js';
import { isOutcome } from '../files/transfer.js';
import { t } from '../i18n/i18n.js';
import type { Key } from '../i18n/strings-en.js';
import { clockTime } from './dom.js';

export type AnyTransfer = OutgoingTransfer | IncomingTransfer;

export interface FileItem {
  readonly el: HTMLLIElement;
  /** Draws the transfer's current state (after a change or a language switch). */
  render(): void;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent: HTMLElement): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  parent.append(el);
  return el;
}

/** The words for a transfer's state. */
function stateText(x: AnyTransfer): string {
  const mine = x.endedBy === 'me';
  const out = x.direction === 'out';
  switch (x.state) {
    case 'offered':
      return t(out ? 'files.waiting' : 'files.offered');
    case 'transferring': {
      const p = x.progress;
      const detail = t('files.progress', {
        done: formatBytes(p.bytes),
        size: formatBytes(p.size),
        speed: formatSpeed(p.bytesPerSecond),
        left: formatTimeLeft(p.secondsLeft),
      });
      return `${t(out ? 'files.sending' : 'files.receiving')} · ${detail}`;
    }
    case 'verifying':
      return t('files.verifying');
    case 'complete':
      return t(out ? 'files.delivered' : 'files.received');
    case 'mismatch':
      return t('files.mismatch');
    case 'declined':
      if (x.reason === 'too-large') return t(mine ? 'files.tooLargeMe' : 'files.tooLargePeer');
      return t(mine ? 'files.declinedMe' : 'files.declinedPeer');
    case 'cancelled':
      return t(mine ? 'files.cancelledMe' : 'files.cancelledPeer');
    case 'failed':
      return t(mine ? 'files.failedMe' : 'files.failedPeer', { why: t(`files.why.${x.reason ?? 'protocol'}` as Key) });
    case 'connection-lost':
      return t('files.lost');
  }
}

/** Builds the item; `sender` is the name to show ("You", or the other person's). */
export function fileItem(x: AnyTransfer, sender: string, time: number): FileItem {
  const out = x.direction === 'out';
  const el = document.createElement('li');
  el.className = `file ${out ? 'mine' : 'theirs'}`;
  el.dataset.transfer = x.id;
  const meta = make('span', 'meta', el);
  const who = make('b', 'sender', meta);
  who.textContent = sender;
  const when = document.createElement('time');
  when.dateTime = new Date(time).toISOString();
  when.textContent = clockTime(time);
  meta.append(' ', when);
  const head = make('span', 'file-head', el);
  const name = make('span', 'file-name', head);
  name.textContent = x.name; // the cleaned name: no controls, bidirectional overrides or separators
  const size = make('span', 'file-size', head);
  size.textContent = formatBytes(x.size);
  const bar = make('progress', 'file-progress', el);
  const status = make('span', 'file-status', el);
  const hash = make('span', 'file-hash', el);
  const actions = make('span', 'file-actions', el);
  const button = (className: string, key: Key, act: () => void) => {
    const b = make('button', className, actions);
    b.type = 'button';
    b.dataset.key = key;
    b.addEventListener('click', act);
    return b;
  };
  const accept = button('file-accept primary', 'files.accept', () => x.direction === 'in' && x.accept());
  const decline = button('file-decline', 'files.decline', () => x.direction === 'in' && x.decline());
  const cancel = button('file-cancel', 'files.cancel', () => x.cancel());
  let link: HTMLAnchorElement | undefined;

  function render(): void {
    el.dataset.state = x.state;
    bar.max = Math.max(1, x.size);
    bar.value = x.size === 0 && x.state === 'complete' ? 1 : x.progress.bytes;
    bar.hidden = x.state !== 'transferring' && x.state !== 'verifying';
    status.textContent = stateText(x);
    hash.textContent = x.sha256 ? t('files.hash', { hash: x.sha256 }) : '';
    hash.hidden = !x.sha256 || x.state === 'verifying';
    const offer = !out && x.state === 'offered';
    accept.hidden = decline.hidden = !offer;
    cancel.hidden = offer || isOutcome(x.state);
    for (const b of [accept, decline, cancel]) b.textContent = t(b.dataset.key as Key);
    if (x.direction === 'in' && x.state === 'complete' && x.blob && !link) {
      link = document.createElement('a');
      link.className = 'file-save';
      link.href = URL.createObjectURL(x.blob); // typed application/octet-stream: never opened as a page
      link.download = x.name;
      link.textContent = x.name;
      name.replaceWith(link);
    }
    if (link) link.title = t('files.save', { name: x.name });
  }
  x.onchange = () => render();
  render();
  return { el, render };
}
