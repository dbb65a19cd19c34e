/**
 * What a screen reader says without the person moving focus: the call's status, the ring, the
 * other person joining or leaving, network notices. Two live regions made once in <body> when
 * first needed and never moved, hidden from sight (a region that is moved, made visible or
 * replaced is not read out reliably): polite waits for a pause, urgent (the ring) interrupts.
 */

const POLITE_ID = 'announce-polite';
const URGENT_ID = 'announce-urgent';

function region(id: string, urgent: boolean): HTMLElement {
  const found = document.getElementById(id);
  if (found) return found;
  const el = document.createElement('div');
  el.id = id;
  el.className = 'visually-hidden';
  el.setAttribute('role', urgent ? 'alert' : 'status');
  el.setAttribute('aria-live', urgent ? 'assertive' : 'polite');
  el.setAttribute('aria-atomic', 'true');
  document.body.append(el);
  return el;
}

/** Makes the regions now, so the first announcement is not lost to a region just added. */
export function prepareAnnouncer(): void {
  region(POLITE_ID, false);
  region(URGENT_ID, true);
}

/** A region is emptied and filled a moment later, so the same text twice in a row is read twice. */
const REFILL_MS = 50;
const pending = new Map<string, ReturnType<typeof setTimeout>>();

/** Has `text` read out; `urgent` interrupts what is being read (an incoming call). A newer text replaces one not yet read. */
export function announce(text: string, { urgent = false }: { urgent?: boolean } = {}): void {
  const id = urgent ? URGENT_ID : POLITE_ID;
  const el = region(id, urgent);
  clearTimeout(pending.get(id));
  el.textContent = '';
  if (!text) return;
  pending.set(
    id,
    setTimeout(() => (el.textContent = text), REFILL_MS),
  );
}
