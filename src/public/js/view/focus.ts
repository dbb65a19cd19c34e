/**
 * Keeping keyboard focus somewhere useful when what had it goes away: a button hidden or
 * disabled by a state change would otherwise leave focus on <body>, and a keyboard user at the
 * top of the page.
 */

/** True when `el` can take focus now: in the page, shown and not disabled. */
export function canFocus(el: Element | null | undefined): el is HTMLElement {
  if (!(el instanceof HTMLElement) || !el.isConnected) return false;
  if ((el as HTMLButtonElement).disabled) return false;
  return el.checkVisibility({ visibilityProperty: true });
}

/** Focuses the first of `candidates` that can take focus; false when none could. */
export function focusFirst(candidates: Iterable<Element | null | undefined>): boolean {
  for (const el of candidates) {
    if (!canFocus(el)) continue;
    el.focus();
    return true;
  }
  return false;
}

/** True when focus is lost: on <body>, or on an element now hidden, disabled or gone. */
export function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !canFocus(active);
}

/** When focus is lost, moves it to the first of `candidates` that can take it. */
export function rescueFocus(candidates: Iterable<Element | null | undefined>): void {
  if (focusLost()) focusFirst(candidates);
}

/** The call view's controls, then the ways on after a call: where focus goes in a call view. */
export function callFocusTargets(root: ParentNode): Element[] {
  return [...root.querySelectorAll('.controls button'), ...root.querySelectorAll('#ended button, #ended a'), ...root.querySelectorAll('#waiting button')];
}
