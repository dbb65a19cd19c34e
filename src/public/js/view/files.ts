/**
 * Sending files from the chat panel: the picker (`#file-input`, several at
 * once) and files dropped anywhere on the page go to the other person while
 * the files channel is open; every transfer, ours or an offer of theirs, is an
 * item in the chat log (file-item.ts).
 */
import { t } from '../i18n/i18n.js';
import type { PickedFile } from '../session/files-link.js';
import type { Session } from '../session/session-types.js';
import { MAX_LOG_ROWS, type Chat } from './chat.js';
import { fileItem, type AnyTransfer, type FileItem } from './file-item.js';

export interface FilesElements {
  fileInput: HTMLInputElement;
  filePick: HTMLElement;
  stage: HTMLElement;
}

export interface FilesView {
  /** Draws every transfer again (after a language change). */
  render(): void;
}

const hasFiles = (event: DragEvent) => Boolean(event.dataTransfer?.types.includes('Files'));

export function bindFiles(ui: FilesElements, session: Session, chat: Chat): FilesView {
  const items: FileItem[] = [];
  let available = false;

  const show = (transfer: AnyTransfer, mine: boolean) => {
    const item = fileItem(transfer, mine ? t('chat.you') : session.remote.name || t('chat.them'), Date.now());
    // an offer of theirs the log leaves out (too many at once) is declined: nobody could accept it
    if (!chat.append(item.el, mine)) {
      if (transfer.direction === 'in' && transfer.state === 'offered') transfer.decline();
      return;
    }
    items.push(item);
    // rows the log dropped (the oldest, past its cap) are drawn no more
    if (items.length > MAX_LOG_ROWS) items.splice(0, items.length, ...items.filter((i) => i.el.isConnected));
  };
  const sendAll = (files: Iterable<PickedFile>) => {
    for (const file of files) {
      const transfer = session.sendFile(file);
      if (transfer) show(transfer, true);
    }
  };
  const setAvailable = (value: boolean) => {
    available = value;
    ui.fileInput.disabled = !value;
    ui.filePick.setAttribute('aria-disabled', String(!value));
  };

  session.on('filesAvailable', setAvailable);
  session.on('fileOffer', (transfer) => show(transfer, false));
  ui.fileInput.addEventListener('change', () => {
    sendAll(Array.from(ui.fileInput.files ?? []));
    ui.fileInput.value = '';
  });
  // dropping files anywhere on the page sends them (and never lets the browser open them in place of the call)
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = available ? 'copy' : 'none';
    ui.stage.classList.toggle('dropping', available);
  });
  document.addEventListener('dragleave', (event) => {
    if (!event.relatedTarget) ui.stage.classList.remove('dropping');
  });
  document.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    ui.stage.classList.remove('dropping');
    if (!available) return;
    if (!chat.isOpen) chat.setOpen(true);
    sendAll(Array.from(event.dataTransfer?.files ?? []));
  });
  setAvailable(false);
  return { render: () => items.forEach((item) => item.render()) };
}
