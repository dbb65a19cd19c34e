/**
 * Shows the verification code (`#verify-code`) with the sentence that says
 * what to do with it once the connection's certificates are known, or the
 * sentence that says no code can be derived in this browser (`#verify-none`);
 * hidden without a connected call. `#verify[data-state]` names which.
 */
import type { VerifyState } from '../verify/tracker.js';

export interface VerifyElements {
  verify: HTMLElement;
  verifyCode: HTMLElement;
  verifyShown: HTMLElement;
  verifyNone: HTMLElement;
}

export function renderVerify(ui: VerifyElements, state: VerifyState): void {
  ui.verify.hidden = state.kind === 'none';
  ui.verify.dataset.state = state.kind;
  ui.verifyShown.hidden = state.kind !== 'code';
  ui.verifyNone.hidden = state.kind !== 'unavailable';
  ui.verifyCode.textContent = state.kind === 'code' ? state.code : '';
}
