/**
 * The home page's "On another device, open: https://<LAN address>:<port>" line,
 * shown only when the page was opened on a loopback host (whose own address no
 * other device can open), with the network named and a picker (share-link.ts).
 */
import { byId } from './dom.js';
import { bindShareOrigin, isLoopbackHost } from './share-link.js';

/** Shows the line on a loopback page; returns its re-render for a language change (undefined elsewhere). */
export function showOtherDevice(): Promise<() => void> | undefined {
  if (!isLoopbackHost(location.hostname)) return undefined;
  const section = byId('other-device');
  const line = byId('other-line');
  const link = byId<HTMLAnchorElement>('other-link');
  section.hidden = false;
  return bindShareOrigin(
    { network: byId<HTMLSelectElement>('link-network'), note: byId('link-note') },
    (origin, lan) => {
      line.hidden = !lan;
      link.href = `${origin}/`;
      link.textContent = origin;
    },
    { noLan: 'home.noLan' },
  );
}
