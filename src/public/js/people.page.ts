/**
 * The people page (`/people`): sign in with a name, see who is online, call someone or be
 * called, and have the call on this page without a room link. Wires the DOM-free controller
 * (people/) to its view, the ringer and the call view.
 */
import { applyI18n, bindLangSwitch } from './i18n/i18n.js';
import { detectLang } from './i18n/lang.js';
import { hasWebrtc } from './media/devices.js';
import { createPeopleController } from './people/controller.js';
import { sessionLoginStore } from './store/people-login.js';
import { phaseOf } from './people/state.js';
import { fetchIceConfig, liveIceConfig, socketCredentials } from './session/ice-config.js';
import { openSocket } from './session/signaling.js';
import { askAccessCode } from './view/access-form.js';
import { prepareCall, type NameCall } from './view/people-call.js';
import { peopleElements, renderPeople } from './view/people-view.js';
import { prepareAnnouncer } from './view/announce.js';
import { bindPeopleFocus } from './view/people-focus.js';
import { createRinger } from './view/ringer.js';
import { byId } from './view/dom.js';

function main(): void {
  applyI18n(detectLang());
  const ui = peopleElements();
  const open = openSocket(askAccessCode);
  const ice = liveIceConfig(() => fetchIceConfig(socketCredentials(open.socket)));
  const ringer = createRinger();
  const people = createPeopleController(open.socket, sessionLoginStore());
  let call: NameCall | undefined;
  let ringingFor: string | undefined;

  prepareAnnouncer();
  const focus = bindPeopleFocus(ui, () => people.decline());
  const webrtc = hasWebrtc();
  byId('no-webrtc').hidden = webrtc;
  const render = () => {
    renderPeople(ui, people.state, (name) => people.call(name));
    if (!webrtc) ui.login.disabled = true; // this browser could not take a call: signing in would only let people ring it
  };
  people.on('change', (s) => {
    render();
    focus.update(phaseOf(s), s);
    const next = phaseOf(s) === 'incoming' ? s.incoming[0] : undefined;
    if (next === ringingFor) return;
    ringingFor = next;
    if (next === undefined) ringer.stop();
    else ringer.start(next);
  });
  people.on('ring', ({ caller }) => {
    call ??= prepareCall({
      open,
      ice,
      name: people.state.me ?? '',
      caller,
      hangup: () => people.hangup(),
      listStatus: ui.status,
      preview: caller ? byId<HTMLVideoElement>('ring-preview') : undefined,
    });
  });
  people.on('accepted', () => call?.show());
  people.on('idle', () => {
    call?.end();
    call = undefined;
    focus.callOver();
  });

  ui.loginForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!webrtc) return;
    ringer.unlock(); // a click: the page may ring later, and may ask to show notifications
    people.login(ui.loginName.value);
  });
  ui.callForm.addEventListener('submit', (event) => {
    event.preventDefault();
    people.call(ui.callName.value);
  });
  ui.cancel.addEventListener('click', () => people.cancel());
  ui.accept.addEventListener('click', () => {
    people.accept(); // first: the server seats both people while this page starts its session
    call?.start();
  });
  ui.decline.addEventListener('click', () => people.decline());
  ui.block.addEventListener('click', () => people.block());
  ui.logout.addEventListener('click', () => people.logout());
  bindLangSwitch(byId<HTMLSelectElement>('lang'), () => {
    render();
    call?.render();
  });
  render();
}

main();
