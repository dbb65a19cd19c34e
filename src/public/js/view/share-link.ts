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

/** LAN origins from /api/lan ([] when there are none or the request fails). */
async function lanOrigins(): Promise<string[]> {
  try {
    const res = await fetch('/api/lan', { cache: 'no-store' });
    const body = (await res.json()) as Partial<LanInfo>;
    return Array.isArray(body.urls) ? body.urls.filter((u): u is string => typeof u === 'string' && u.startsWith('https://')) : [];
  } catch {
    return [];
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
 * Calls `show(origin)` with the origin to share now and whenever the person
 * picks another network (`origin` is null on a loopback page with no LAN
 * address: the page's own origin is then all there is, in `location.origin`);
 * explains which network the link is for. Returns `render`, to call again
 * after the language changed.
 */
export async function bindShareOrigin(
  el: ShareElements,
  show: (origin: string, lan: boolean) => void,
  options: ShareOptions = {},
): Promise<() => void> {
  const loopback = isLoopbackHost(location.hostname);
  const origins = loopback ? await lanOrigins() : [];
  el.network.replaceChildren(...origins.map((o) => new Option(new URL(o).host, o)));
  el.network.hidden = origins.length < 2;
  const render = () => {
    el.note.hidden = !loopback;
    if (!loopback) return;
    const chosen = el.network.value;
    el.note.textContent = chosen ? t('link.network', { address: new URL(chosen).hostname }) : t(options.noLan ?? 'link.noLan');
  };
  el.network.addEventListener('change', () => {
    render();
    show(el.network.value, true);
  });
  render();
  show(origins[0] ?? location.origin, origins.length > 0);
  return render;
}
