/**
 * The small form that asks for the server's access code (ACCESS_CODE), built in code so every
 * page that connects can show it without markup of its own. A modal dialog: nothing beneath
 * it (Join, Sign in) can be pressed until the code is given, since none of it works without.
 * Asked again, it says the code was not accepted.
 */
import { t } from '../i18n/i18n.js';

let asked = 0;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

/** Shows the form as a modal dialog over the page and resolves with the code typed (never empty). */
export function askAccessCode(): Promise<string> {
  asked++;
  return new Promise((resolve) => {
    const dialog = element('dialog', { className: 'access-dialog card' });
    dialog.addEventListener('cancel', (event) => event.preventDefault()); // Escape would leave a page that cannot connect
    const form = element('form', { id: 'access-form', className: 'access-form' });
    const title = element('h2', { textContent: t('access.title') });
    const note = element('p', { id: 'access-note', className: 'message error', textContent: t('access.wrong'), hidden: asked === 1 });
    const label = element('label', { htmlFor: 'access-code', textContent: t('access.label') });
    const input = element('input', { id: 'access-code', type: 'password', autocomplete: 'current-password', required: true });
    const submit = element('button', { id: 'access-submit', type: 'submit', className: 'primary', textContent: t('access.submit') });
    form.append(title, note, label, element('div', { className: 'row' }), submit);
    form.querySelector('.row')!.append(input);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const code = input.value.trim();
      if (!code) return input.focus();
      dialog.close();
      dialog.remove();
      resolve(code);
    });
    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
