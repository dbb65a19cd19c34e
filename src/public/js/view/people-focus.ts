/**
 * Focus and announcements on the people page as its phase changes: signed in, focus goes to the
 * name to call; a ring coming in is announced and takes focus to Accept (Enter answers, Escape
 * declines); a call going out takes it to Cancel; when the ring or the call is over, focus goes
 * back where it was before (the same person's Call button when the list was drawn again).
 */
import { t } from '../i18n/i18n.js';
import type { Phase, PeopleState } from '../people/state.js';
import { announce } from './announce.js';
import { focusFirst, focusLost } from './focus.js';
import type { PeopleElements } from './people-view.js';

export interface PeopleFocus {
  /** Called after each drawing of the page's state. */
  update(phase: Phase, s: PeopleState): void;
  /** Called once the call view is gone: focus goes back where it was before the ring. */
  callOver(): void;
}

export function bindPeopleFocus(ui: PeopleElements, decline: () => void): PeopleFocus {
  let last: Phase | undefined;
  let before: { el: Element | null; name?: string } | undefined;

  const remember = () => {
    const el = document.activeElement;
    before = { el, name: el?.closest<HTMLElement>('li[data-name]')?.dataset.name };
  };
  /** Puts focus back where it was before the ring; kept for later when the list is not shown yet (the call view still is). */
  const giveBack = () => {
    const kept = before;
    if (!kept) return;
    if (!focusLost() && !document.activeElement?.closest('#call-view')) return void (before = undefined); // the call view goes away with the call
    const same = kept.name === undefined ? null : ui.people.querySelector(`li[data-name="${CSS.escape(kept.name)}"] button`);
    if (focusFirst([kept.el, same, ui.callName, ui.logout])) before = undefined;
  };

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || ui.incoming.hidden) return;
    event.preventDefault();
    decline();
  });

  return {
    update(phase, s) {
      if (phase === last) return;
      const previous = last;
      last = phase;
      if (phase === 'incoming' || phase === 'outgoing') {
        if (previous !== 'incoming' && previous !== 'outgoing') remember();
      }
      if (phase === 'incoming') {
        const name = s.incoming[0] ?? '';
        announce(t('people.ringAnnounce', { name }), { urgent: true });
        ui.accept.focus();
      } else if (phase === 'outgoing') {
        announce(t('people.calling', { name: s.outgoing?.to ?? '' }));
        ui.cancel.focus();
      } else if (phase === 'list') {
        if (previous === 'signing-in' || previous === 'signed-out' || previous === 'connecting') {
          if (focusLost()) focusFirst([ui.callName]);
        } else giveBack();
      } else if (phase === 'signed-out' && focusLost()) {
        focusFirst([ui.loginName]);
      }
    },
    callOver: giveBack,
  };
}
