/**
 * Everything a page draws and wires for a call, on the call view of partials/call.html: our
 * media and its controls, chat, statistics, quality and verification code, the other person (with sound, on the
 * speaker chosen) and the screen kept awake while connected, for a session that may not have started yet. Shared by the room page and the people page.
 */
import type { Effects } from '../effects/effects.js';
import { t } from '../i18n/i18n.js';
import { createLocalMedia, type LocalMedia } from '../media/local.js';
import type { Session } from '../session/session-types.js';
import { bindAutoplay } from './autoplay.js';
import { bindCallInsight } from './call-insight.js';
import { bindCallAnnouncer } from './call-announce.js';
import { bindCallView } from './call-view.js';
import { createChat } from './chat.js';
import { bindControls } from './controls.js';
import { bindEffects } from './effects-view.js';
import type { CallElements } from './elements.js';
import { bindCallOver } from './ended.js';
import { callFocusTargets, rescueFocus } from './focus.js';
import { bindSpeaker } from './speaker.js';
import { holdScreenAwake } from './wake-lock.js';

export interface BoundCall {
  media: LocalMedia;
  /** Draws everything again (after a language change). */
  render(): void;
}

/**
 * Binds `session` (with our `stream`, which `effects` blurs and denoises into the stream the session sends) to the
 * call view; `hangup` is what the hang-up button does.
 * `start.audioOnly`: the call starts with no video either way (the pre-join screen's choice).
 */
export function bindCall(
  ui: CallElements,
  session: Session,
  stream: MediaStream,
  hangup: () => void,
  effects: Effects,
  start: { audioOnly?: boolean } = {},
): BoundCall {
  effects.attach((kind, track) => session.setTrack(kind, track));
  const media = createLocalMedia(stream, (track) => effects.sendVideo(track), start);
  media.on('change', (state) => session.setLocalState(state));
  media.on('notice', (key) => session.notice(key));
  const you = t('chat.you');
  const chat = createChat(
    { panel: ui.chatPanel, log: ui.chatLog, form: ui.chatForm, input: ui.chatInput, send: ui.chatSend, toggle: ui.chatToggle, unread: ui.unread },
    (text) => {
      const sent = session.sendChat(text);
      if (sent) chat.add(you, text, Date.now(), true);
      return sent;
    },
  );
  chat.setEnabled(false);
  const view = bindCallView(ui, session, chat, () => media.state.audioOnly === true);
  bindAutoplay(ui, session); // after the view, which gives video#remote its stream
  const speaker = bindSpeaker({ pick: ui.speakerPick, speaker: ui.speaker, remote: ui.remote });
  holdScreenAwake(session);
  const effectsView = bindEffects(ui, session, effects);
  bindCallOver(ui, session, () => (effectsView.stop(), media.stop()));
  const insight = bindCallInsight(ui, session);
  // audio only, ours or theirs: no video either way (the ladder pauses what we send)
  const audioOnly = () => insight.ladder.force(Boolean(media.state.audioOnly || session.remote.state?.audioOnly));
  media.on('change', () => (audioOnly(), view.renderRemote()));
  session.on('remote', audioOnly);
  audioOnly();
  const closePanel = (): boolean => {
    const chatFirst = !ui.chatPanel.hidden && (ui.chatPanel.contains(document.activeElement) || !ui.statsPanel.contains(document.activeElement));
    if (chatFirst) chat.setOpen(false);
    else if (!ui.statsPanel.hidden) insight.toggleStats();
    else return false;
    rescueFocus([chatFirst ? ui.chatToggle : ui.statsToggle]);
    return true;
  };
  const picture = () => effects.picture;
  const controls = bindControls(ui, media, { toggleChat: () => chat.toggle('panel'), toggleStats: insight.toggleStats, closePanel, hangup, picture });
  effects.on('change', () => controls.render());
  bindCallAnnouncer(session);
  // last of the status listeners: a state change that hid or disabled what had focus moves it into the call
  let status = session.line.status;
  session.on('status', (line) => {
    if (line.status !== status) rescueFocus(callFocusTargets(ui.call));
    status = line.status;
  });
  return {
    media,
    render() {
      view.render();
      controls.render();
      effectsView.render();
      insight.render();
      void speaker.render();
    },
  };
}
