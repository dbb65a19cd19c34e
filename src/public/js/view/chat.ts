/**
 * The chat panel: a log with sender and time, Enter sends, and an unread count
 * on the chat button while the panel is closed.
 *
 * The other person controls what arrives, so the log is bounded: it keeps the last
 * MAX_LOG_ROWS rows, a message repeating their previous one adds "×2", "×3" … to it
 * instead of a row, and what they add (messages, file offers) passes a token bucket of
 * PEER_BURST entries refilled at PEER_PER_SECOND; past it entries are not shown, and one
 * row (moved to the end as the flood goes on) says how many were left out.
 */
import { t } from '../i18n/i18n.js';
import { clockTime } from './dom.js';
import { MAX_CHAT_CHARS } from '../session/channel.js';

/** Rows the log keeps; past it the oldest go. */
export const MAX_LOG_ROWS = 200;
/** Entries the other person may add at once (a handful of files dropped together fits), then so many a second. */
export const PEER_BURST = 30;
export const PEER_PER_SECOND = 2;

/** A token bucket: `take()` is true while entries are left, refilled at `perSecond`. */
export function tokenBucket(burst: number, perSecond: number, now: () => number = () => performance.now()): { take(): boolean } {
  let tokens = burst;
  let at = now();
  return {
    take() {
      const time = now();
      tokens = Math.min(burst, tokens + ((time - at) / 1000) * perSecond);
      at = time;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

export interface ChatElements {
  panel: HTMLElement;
  log: HTMLOListElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  send: HTMLButtonElement;
  toggle: HTMLButtonElement;
  unread: HTMLElement;
}

export interface Chat {
  /** Shows a message; `mine` for our own. */
  add(sender: string, text: string, time: number, mine: boolean): void;
  /** Shows another kind of entry (a file transfer) in the log, counted as unread like a message; false when one of theirs was left out (too many). */
  append(item: HTMLLIElement, mine: boolean): boolean;
  /** Draws the texts set from code again (after a language change). */
  render(): void;
  /** Opens or closes the panel; an opened panel takes focus into its message box, or onto itself (`'panel'`: from the C shortcut, so that a key pressed next is not typed). A closed one gives focus back to its button. */
  setOpen(open: boolean, focus?: 'input' | 'panel'): void;
  toggle(focus?: 'input' | 'panel'): void;
  setEnabled(enabled: boolean): void;
  readonly isOpen: boolean;
}

export function createChat(el: ChatElements, onSend: (text: string) => boolean): Chat {
  let unread = 0;
  const renderUnread = () => {
    el.unread.textContent = unread > 99 ? '99+' : String(unread);
    el.unread.hidden = unread === 0;
  };

  const peer = tokenBucket(PEER_BURST, PEER_PER_SECOND);
  /** Their last message row, to count a repeat on it while it is still the last row. */
  let last: { item: HTMLLIElement; sender: string; text: string; times: number; badge?: HTMLElement } | undefined;
  /** The one row that counts their entries left out. */
  let notice: { item: HTMLLIElement; count: number } | undefined;

  const renderNotice = () => notice && (notice.item.textContent = t('chat.dropped', { count: String(notice.count) }));
  function leftOut(): void {
    if (!notice?.item.isConnected) {
      const item = document.createElement('li');
      item.className = 'notice';
      item.setAttribute('role', 'status');
      notice = { item, count: 0 };
    }
    // one row for the whole flood, moved below what was shown since
    if (el.log.lastElementChild !== notice.item) place(notice.item);
    notice.count++;
    renderNotice();
  }

  function place(item: HTMLLIElement): void {
    el.log.append(item);
    while (el.log.childElementCount > MAX_LOG_ROWS) el.log.firstElementChild!.remove();
    el.log.scrollTop = el.log.scrollHeight;
  }

  const chat: Chat = {
    add(sender, text, time, mine) {
      if (!mine && last && el.log.lastElementChild === last.item && last.sender === sender && last.text === text) {
        last.times++;
        if (!last.badge) {
          last.badge = document.createElement('span');
          last.badge.className = 'repeat';
          last.item.querySelector('.meta')!.append(' ', last.badge);
        }
        last.badge.textContent = `×${last.times}`;
        const when = last.item.querySelector('time')!;
        when.dateTime = new Date(time).toISOString();
        when.textContent = clockTime(time);
        return;
      }
      const item = document.createElement('li');
      item.className = mine ? 'mine' : 'theirs';
      const meta = document.createElement('span');
      meta.className = 'meta';
      const who = document.createElement('b');
      who.className = 'sender';
      who.textContent = sender;
      const when = document.createElement('time');
      when.dateTime = new Date(time).toISOString();
      when.textContent = clockTime(time);
      meta.append(who, ' ', when);
      const body = document.createElement('span');
      body.className = 'text';
      body.textContent = text;
      item.append(meta, body);
      if (chat.append(item, mine) && !mine) last = { item, sender, text, times: 1 };
    },
    append(item, mine) {
      if (!mine && !peer.take()) {
        leftOut();
        return false;
      }
      place(item);
      if (!mine && el.panel.hidden) {
        unread++;
        renderUnread();
      }
      return true;
    },
    render() {
      renderNotice();
    },
    setOpen(open, focus = 'input') {
      const hadFocus = el.panel.contains(document.activeElement);
      el.panel.hidden = !open;
      el.toggle.setAttribute('aria-pressed', String(open));
      if (open) {
        unread = 0;
        renderUnread();
        if (focus === 'input' && !el.input.disabled) el.input.focus();
        else el.panel.focus();
      } else if (hadFocus) el.toggle.focus();
    },
    toggle(focus) {
      chat.setOpen(el.panel.hidden, focus);
    },
    setEnabled(enabled) {
      el.input.disabled = !enabled;
      el.send.disabled = !enabled;
    },
    get isOpen() {
      return !el.panel.hidden;
    },
  };

  el.input.maxLength = MAX_CHAT_CHARS;
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = el.input.value.trim();
    if (!text) return;
    if (onSend(text)) el.input.value = '';
  });
  el.toggle.addEventListener('click', () => chat.toggle());
  renderUnread();
  return chat;
}
