/**
 * Shows the verification code (`#verify-code`) with the sentence that says
 * what to do with it, once the connection's certificates are known; hidden
 * without a connection. So that it does not cover the other person's face for
 * the whole call, it folds to a small "Verification code" button after a while
 * or when tapped, and a tap opens it again (for a while).
 */
export interface VerifyElements {
  verify: HTMLElement;
  verifyCode: HTMLElement;
  verifyToggle: HTMLButtonElement;
}

/** How long the code stays open before it folds away: enough to read nine digits aloud. */
export const VERIFY_OPEN_MS = 15_000;

export interface VerifyView {
  /** Shows `code` opened (a new code), or hides the box without a connection. */
  render(code: string | undefined): void;
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
    render(code) {
      const fresh = code !== undefined && code !== ui.verifyCode.textContent;
      ui.verify.hidden = code === undefined;
      ui.verifyCode.textContent = code ?? '';
      if (fresh) setOpen(true);
      else if (code === undefined) clearTimeout(timer);
    },
  };
}
