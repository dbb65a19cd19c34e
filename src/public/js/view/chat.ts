/**
 * The chat panel: a log with sender and time, Enter sends, and an unread count
 * on the chat button while the panel is closed.
 */
import { clockTime } from './dom.js';
import { MAX_CHAT_CHARS } from '../session/channel.js';

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
  /** Shows another kind of entry (a file transfer) in the log, counted as unread like a message. */
  append(item: HTMLLIElement, mine: boolean): void;
  setOpen(open: boolean): void;
  toggle(): void;
  setEnabled(enabled: boolean): void;
  readonly isOpen: boolean;
}

export function createChat(el: ChatElements, onSend: (text: string) => boolean): Chat {
  let unread = 0;
  const renderUnread = () => {
    el.unread.textContent = unread > 99 ? '99+' : String(unread);
    el.unread.hidden = unread === 0;
  };

  const chat: Chat = {
    add(sender, text, time, mine) {
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
      chat.append(item, mine);
    },
    append(item, mine) {
      el.log.append(item);
      el.log.scrollTop = el.log.scrollHeight;
      if (!mine && el.panel.hidden) {
        unread++;
        renderUnread();
      }
    },
    setOpen(open) {
      el.panel.hidden = !open;
      el.toggle.setAttribute('aria-pressed', String(open));
      if (open) {
        unread = 0;
        renderUnread();
        el.input.focus();
      }
    },
    toggle() {
      chat.setOpen(el.panel.hidden);
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
