/**
 * Tiny DOM helpers shared by the pages.
 */

/** The element with `id`; a missing element is a bug in the page, reported loudly. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`duet: the page has no #${id}`);
  return el as T;
}

/** Sets a toggle button's pressed state and its visible label. */
export function setToggle(button: HTMLButtonElement, pressed: boolean, label: string): void {
  button.setAttribute('aria-pressed', String(pressed));
  const text = button.querySelector('.label');
  if (text) text.textContent = label;
  else button.textContent = label;
  button.title = label;
}

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
