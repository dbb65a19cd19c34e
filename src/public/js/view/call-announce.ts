/**
 * Reads the call out as it changes: every new status line (joining, waiting, connected, the other
 * person leaving, the connection dropping, a notice such as a camera that failed) and the other
 * person's name once they are in the call. Through the page's live regions (announce.ts).
 */
import { t } from '../i18n/i18n.js';
import type { Session } from '../session/session-types.js';
import { announce } from './announce.js';

export function bindCallAnnouncer(session: Session): void {
  let lastLine = '';
  let lastName = '';
  session.on('status', (line) => {
    const text = t(line.key, { detail: line.detail });
    if (text === lastLine) return; // a tick of the same status says nothing new
    lastLine = text;
    announce(text);
  });
  session.on('remote', ({ name }) => {
    if (name === lastName) return;
    lastName = name;
    if (name) announce(t('announce.joined', { name }));
  });
}
