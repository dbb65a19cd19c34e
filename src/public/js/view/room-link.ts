/**
 * The waiting panel's room link: shown as text and QR code, with a copy button.
 */
import { t } from '../i18n/i18n.js';
import type { RoomElements } from './elements.js';
import { drawQr } from './qr.js';

/** Shows the link, and its QR code only when another device can open it (`reachable`). */
export async function showRoomLink(ui: RoomElements, url: string, reachable: boolean): Promise<void> {
  ui.link.value = url;
  const figure = ui.qr.closest('figure') ?? ui.qr;
  figure.hidden = !reachable;
  if (!reachable) return;
  try {
    await drawQr(ui.qr, url);
  } catch (error) {
    console.warn('duet: QR code not drawn', error);
  }
}

export function bindCopyLink(ui: RoomElements): void {
  const copyLink = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(ui.link.value);
    } catch {
      ui.link.select(); // no clipboard permission: leave it selected for Ctrl+C
      return;
    }
    ui.copy.textContent = t('link.copied');
    setTimeout(() => (ui.copy.textContent = t('link.copy')), 1500);
  };
  ui.copy.addEventListener('click', () => void copyLink());
  ui.link.addEventListener('focus', () => ui.link.select());
}
