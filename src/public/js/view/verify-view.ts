/**
 * Shows the verification code (`#verify-code`) with the sentence that says
 * what to do with it, once the connection's certificates are known; hidden
 * without a connection.
 */
export interface VerifyElements {
  verify: HTMLElement;
  verifyCode: HTMLElement;
}

export function renderVerify(ui: VerifyElements, code: string | undefined): void {
  ui.verify.hidden = code === undefined;
  ui.verifyCode.textContent = code ?? '';
}
