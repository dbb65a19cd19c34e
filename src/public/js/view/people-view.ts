/**
 * Draws the people page's state (people/state.ts): the sign-in form, who is online, the ring
 * going out or coming in, and the last outcome in #status, in plain words.
 */
import { t, type Key } from '../i18n/i18n.js';
import { phaseOf, type Outcome, type PeopleState } from '../people/state.js';
import { byId } from './dom.js';

export function peopleElements() {
  return {
    main: byId('people-main'),
    status: byId('status'),
    me: byId('me'),
    loginForm: byId<HTMLFormElement>('login-form'),
    loginName: byId<HTMLInputElement>('login-name'),
    login: byId<HTMLButtonElement>('login'),
    directory: byId('directory'),
    people: byId<HTMLUListElement>('people'),
    nobody: byId('nobody'),
    more: byId('more'),
    callForm: byId<HTMLFormElement>('call-form'),
    callName: byId<HTMLInputElement>('call-name'),
    logout: byId<HTMLButtonElement>('logout'),
    outgoing: byId('outgoing'),
    outgoingText: byId('outgoing-text'),
    cancel: byId<HTMLButtonElement>('cancel'),
    incoming: byId('incoming'),
    incomingText: byId('incoming-text'),
    accept: byId<HTMLButtonElement>('accept'),
    decline: byId<HTMLButtonElement>('decline'),
    block: byId<HTMLButtonElement>('block'),
  };
}

export type PeopleElements = ReturnType<typeof peopleElements>;

/** The words for `outcome`, or '' when there is nothing to tell. */
export function outcomeText(outcome: Outcome | undefined): string {
  if (!outcome) return '';
  if (outcome.kind === 'error') return t(`people.err.${outcome.code}` as Key);
  return t(`people.out.${outcome.kind}` as Key, { name: outcome.name });
}

function personItem(name: string, busy: boolean, call: (name: string) => void): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.name = name;
  li.dataset.busy = String(busy);
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = name;
  li.append(who);
  if (busy) {
    const badge = document.createElement('span');
    badge.className = 'busy';
    badge.textContent = t('people.busy');
    li.append(badge);
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'person-call primary';
  button.textContent = t('people.call');
  button.disabled = busy; // they would only hear "busy"; the button comes back when they are free
  button.addEventListener('click', () => call(name));
  li.append(button);
  return li;
}

/** Draws `s`; `call` rings the person whose list entry was clicked. */
export function renderPeople(ui: PeopleElements, s: PeopleState, call: (name: string) => void): void {
  const phase = phaseOf(s);
  ui.loginForm.hidden = phase !== 'signed-out' && phase !== 'signing-in';
  ui.login.disabled = phase === 'signing-in';
  ui.directory.hidden = phase !== 'list';
  ui.outgoing.hidden = phase !== 'outgoing';
  ui.incoming.hidden = phase !== 'incoming';
  ui.me.hidden = !s.me;
  ui.me.textContent = s.me ? t('people.signedIn', { name: s.me }) : '';
  ui.outgoingText.textContent = s.outgoing ? t('people.calling', { name: s.outgoing.to }) : '';
  ui.incomingText.textContent = s.incoming[0] !== undefined ? t('people.incoming', { name: s.incoming[0] }) : '';
  ui.people.replaceChildren(...s.people.map((p) => personItem(p.name, p.busy, call)));
  ui.nobody.hidden = s.people.length > 0;
  const more = s.total - s.people.length;
  ui.more.hidden = more <= 0;
  ui.more.textContent = more > 0 ? t('people.more', { count: String(more) }) : '';
  const text = phase === 'connecting' ? t('people.connecting') : outcomeText(s.outcome);
  ui.status.textContent = text;
  ui.status.dataset.state = phase === 'connecting' ? 'connecting' : (s.outcome?.kind ?? 'idle');
  if (s.outcome?.kind === 'error') ui.status.dataset.error = s.outcome.code;
  else delete ui.status.dataset.error;
}
