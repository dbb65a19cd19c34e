/**
 * Reads the call out as it changes: every new status line (joining, waiting, the other person
 * joining or leaving, the connection dropping, a notice such as a camera that failed), with the
 * other person's name once it is known. Through the page's live regions (announce.ts).
 */
import { t } from '../i18n/i18n.js';
import type { Session } from '../session/session-types.js';
import { announce } from './announce.js';

export function bindCallAnnouncer(session: Session): void {
  let last = '';
  const say = (line = session.line, name = session.remote.name) => {
    const text = line.status === 'connected' && name ? t('announce.joined', { name }) : t(line.key, { detail: line.detail });
    if (text === last) return; // a tick of the same status says nothing new
    last = text;
    announce(text);
  };
  session.on('status', (line) => say(line));
  session.on('remote', (remote) => say(session.line, remote.name)); // their name may come before or after "connected"
}
