/**
 * The origin to put in the link and QR code the other person gets. A page
 * opened on a loopback host (localhost, 127.x, ::1) would share a link only
 * this computer can open, so the machine's LAN links from GET /api/lan are used
 * instead, with a picker when there are several. Used by the room page, the
 * home page and /setup.
 */
import type { LanInfo } from '../../../shared/api.js';
import { t, type Key } from '../i18n/i18n.js';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

interface LanView {
  origins: string[];
  /** HOST when duet listens on loopback only (the cause to name), else null. */
  loopbackHost: string | null;
}

/** LAN origins and the loopback HOST from /api/lan (none when the request fails). */
async function lanView(): Promise<LanView> {
  try {
    const res = await fetch('/api/lan', { cache: 'no-store' });
    const body = (await res.json()) as Partial<LanInfo>;
    const origins = Array.isArray(body.urls) ? body.urls.filter((u): u is string => typeof u === 'string' && u.startsWith('https://')) : [];
    return { origins, loopbackHost: typeof body.loopbackHost === 'string' ? body.loopbackHost.slice(0, 64) : null };
  } catch {
    return { origins: [], loopbackHost: null };
  }
}

export interface ShareElements {
  network: HTMLSelectElement;
  note: HTMLElement;
}

export interface ShareOptions {
  /** What the note says on a loopback page when the machine has no LAN address (default `link.noLan`). */
  noLan?: Key;
}

/**
 * Calls `show(origin, reachable)` with the origin to share now and whenever the person
 * picks another network; `reachable` is false on a loopback page with no LAN address
 * (the page's own origin is then all there is, and no other device can open it: no QR
 * code). Explains which network the link is for, or why there is none: duet listens on
 * loopback only (HOST), or the machine has no network. Returns `render`, to call again
 * after the language changed.
 */
export async function bindShareOrigin(el: ShareElements, show: (origin: string, lan: boolean) => void, options: ShareOptions = {}): Promise<() => void> {
  const loopback = isLoopbackHost(location.hostname);
  const { origins, loopbackHost } = loopback ? await lanView() : { origins: [], loopbackHost: null };
  el.network.replaceChildren(...origins.map((o) => new Option(new URL(o).host, o)));
  el.network.hidden = origins.length < 2;
  const render = () => {
    el.note.hidden = !loopback;
    if (!loopback) return;
    const chosen = el.network.value;
    if (chosen) el.note.textContent = t('link.network', { address: new URL(chosen).hostname });
    else el.note.textContent = loopbackHost !== null ? t('link.loopbackHost', { setting: 'HOST', host: loopbackHost }) : t(options.noLan ?? 'link.noLan');
  };
  el.network.addEventListener('change', () => {
    render();
    show(el.network.value, true);
  });
  render();
  show(origins[0] ?? location.origin, !loopback || origins.length > 0);
  return render;
}
