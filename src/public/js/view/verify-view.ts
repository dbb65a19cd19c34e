/**
 * Shows the verification code (`#verify-code`) with the sentence that says what to do with it,
 * once the connection's certificates are known, or the sentence that says no code can be derived
 * in this browser (`#verify-none`); hidden without a connected call. `#verify[data-state]` names
 * which. So that the code does not cover the other person's face for the whole call, it folds to a
 * small "Verification code" button after a while or when tapped, and a tap opens it again (for a
 * while).
 */
import type { VerifyState } from '../verify/tracker.js';

export interface VerifyElements {
  verify: HTMLElement;
  verifyCode: HTMLElement;
  verifyToggle: HTMLButtonElement;
  verifyShown: HTMLElement;
  verifyNone: HTMLElement;
}

/** How long the code stays open before it folds away: enough to read nine digits aloud. */
export const VERIFY_OPEN_MS = 15_000;

export interface VerifyView {
  /** Shows a code opened (when it is new), the sentence that there is none, or nothing. */
  render(state: VerifyState): void;
}

export function bindVerify(ui: VerifyElements): VerifyView {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const setOpen = (open: boolean) => {
    clearTimeout(timer);
    timer = open ? setTimeout(() => setOpen(false), VERIFY_OPEN_MS) : undefined;
    ui.verify.toggleAttribute('data-collapsed', !open);
    ui.verifyToggle.setAttribute('aria-expanded', String(open));
  };
  ui.verifyToggle.addEventListener('click', () => setOpen(ui.verify.hasAttribute('data-collapsed')));
  return {
    render(state) {
      const code = state.kind === 'code' ? state.code : undefined;
      const fresh = code !== undefined && code !== ui.verifyCode.textContent;
      ui.verify.hidden = state.kind === 'none';
      ui.verify.dataset.state = state.kind;
      ui.verifyShown.hidden = state.kind !== 'code';
      ui.verifyNone.hidden = state.kind !== 'unavailable';
      ui.verifyCode.textContent = code ?? '';
      if (fresh) setOpen(true);
      else if (code === undefined) {
        clearTimeout(timer);
        ui.verify.removeAttribute('data-collapsed'); // the sentence that there is no code stays readable
      }
    },
  };
}
