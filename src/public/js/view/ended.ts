/**
 * What the room page shows once there is no call to have: after hanging up
 * ("Join again", "Home") or when the room is full ("New room", "Home"). The
 * camera and microphone stop, the call controls and the self-view go away.
 * "Join again" reloads the page and joins at once, without a second Join.
 */
import { generateRoomName, roomUrl } from '../room/roomname.js';
import type { Session } from '../session/session-types.js';
import type { CallElements } from './elements.js';

const REJOIN_KEY = 'duet.rejoin';

/** Hides what needs a call and disables its controls. */
function endCall(ui: CallElements): void {
  ui.local.srcObject = null;
  ui.call.dataset.over = 'true';
  ui.chatPanel.hidden = true;
  ui.statsPanel.hidden = true;
  for (const button of ui.call.querySelectorAll<HTMLButtonElement>('.controls button')) button.disabled = true;
}

/** True once the call is over: keyboard shortcuts and controls do nothing then. */
export function callIsOver(ui: CallElements): boolean {
  return ui.call.dataset.over === 'true';
}

/** Ends the call on the page when `session` says it is over (hung up here, or the room is full); `stop` stops our media. */
export function bindCallOver(ui: CallElements, session: Session, stop: () => void): void {
  session.on('status', ({ status }) => {
    if ((status !== 'ended' && status !== 'full') || callIsOver(ui)) return;
    stop();
    endCall(ui);
  });
}

export function bindEndedButtons(ui: CallElements, room: string): void {
  ui.rejoin.addEventListener('click', () => {
    try {
      sessionStorage.setItem(REJOIN_KEY, room);
    } catch {
      /* no storage: the pre-join screen asks for Join once more */
    }
    location.reload();
  });
  ui.newRoom.addEventListener('click', () => location.assign(roomUrl(generateRoomName())));
}

/** True (once) when this load comes from "Join again" in the same room. */
export function takeRejoin(room: string): boolean {
  let wanted: string | null = null;
  try {
    wanted = sessionStorage.getItem(REJOIN_KEY);
    sessionStorage.removeItem(REJOIN_KEY);
  } catch {
    return false;
  }
  return wanted === room;
}
