/**
 * What the check page shows: the rows of the network table and the verdict
 * text, from the facts the check found (rows are pure; `render*` draw them).
 */
import { t, type Key } from '../i18n/i18n.js';
import type { Gathered } from './gather.js';
import type { Verdict } from './verdict.js';

export interface NetworkFacts {
  gathered: Gathered;
  /** Some STUN or TURN server is configured (a reflexive address can be found). */
  stun: boolean;
  /** A TURN relay is configured. */
  turn: boolean;
}

type Row = [label: Key, value: Key, id: string];

export function networkRows(f: NetworkFacts): Row[] {
  const g = f.gathered;
  const found = (yes: boolean): Key => (yes ? 'check.found' : 'check.missing');
  const relay = (yes: boolean): Key => (f.turn ? found(yes) : 'check.notConfigured');
  const auth: Key = !f.turn ? 'check.notConfigured' : g.turnRefused ? 'check.refused' : g.relayUdp || g.relayTcp ? 'check.accepted' : 'check.missing';
  return [
    ['check.host', found(g.host), 'host'],
    ['check.srflx', f.stun ? found(g.srflx) : 'check.notConfigured', 'srflx'],
    ['check.relayUdp', relay(g.relayUdp), 'relay-udp'],
    ['check.relayTcp', relay(g.relayTcp), 'relay-tcp'],
    ['check.turnAuth', auth, 'turn-auth'],
  ];
}

export function renderRows(list: HTMLElement, rows: Row[]): void {
  list.replaceChildren(
    ...rows.flatMap(([label, value, id]) => {
      const dt = document.createElement('dt');
      dt.textContent = t(label);
      const dd = document.createElement('dd');
      dd.textContent = t(value);
      dd.dataset.check = id;
      dd.dataset.value = value.slice('check.'.length);
      return [dt, dd];
    }),
  );
}

export function renderVerdict(result: HTMLElement, note: HTMLElement, v: Verdict | undefined, turn: boolean): void {
  result.hidden = v === undefined;
  result.dataset.verdict = v ?? '';
  result.textContent = v ? t(`check.verdict.${v}`) : '';
  note.hidden = v !== 'direct' || turn;
  note.textContent = t('check.noTurn');
}
