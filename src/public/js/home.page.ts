/**
 * The home page: type a room name or take a generated one, or pick a recent room;
 * on a loopback host, the LAN address to open on another device.
 */
import { applyI18n, bindLangSwitch, t } from './i18n/i18n.js';
import { detectLang } from './i18n/lang.js';
import { recentRooms } from './room/recent.js';
import { generateRoomName, isRoomName, roomUrl } from './room/roomname.js';
import { nearestRoomName } from '../../shared/room-name.js';
import { byId } from './view/dom.js';
import { showOtherDevice } from './view/other-device.js';

const form = byId<HTMLFormElement>('home-form');
const input = byId<HTMLInputElement>('room-input');
const error = byId('room-error');
const suggestion = byId('room-suggestion');
const suggestButton = byId<HTMLButtonElement>('room-suggest');
const recent = byId('recent');
const recentList = byId('recent-list');

function go(room: string): void {
  location.assign(roomUrl(room));
}

function showRecent(): void {
  const rooms = recentRooms();
  recent.hidden = rooms.length === 0;
  recentList.replaceChildren(
    ...rooms.map((room) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = roomUrl(room);
      a.textContent = room;
      li.append(a);
      return li;
    }),
  );
}

/** Says what is wrong with the typed name: nothing typed, or the rule, with the nearest valid name to take in one click. */
function refuse(room: string): void {
  const nearest = room === '' ? undefined : nearestRoomName(room);
  error.textContent = room === '' ? t('home.empty') : t('home.invalid');
  error.hidden = false;
  suggestion.hidden = nearest === undefined;
  suggestButton.textContent = nearest === undefined ? '' : t('home.suggest', { room: nearest });
  suggestButton.dataset.room = nearest ?? '';
  input.focus();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const room = input.value.trim();
  if (!isRoomName(room)) return refuse(room);
  go(room);
});

suggestButton.addEventListener('click', () => suggestButton.dataset.room && go(suggestButton.dataset.room));
byId('new-room').addEventListener('click', () => go(generateRoomName()));
input.addEventListener('input', () => (error.hidden = suggestion.hidden = true));

applyI18n(detectLang());
const otherDevice = showOtherDevice();
bindLangSwitch(byId<HTMLSelectElement>('lang'), () => {
  void otherDevice?.then((render) => render());
  if (!error.hidden) refuse(input.value.trim()); // the message in the new language
});
showRecent();
