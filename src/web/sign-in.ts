import { errorBox } from './card.js';
import { el } from './elements.js';
import { t } from './i18n.js';
import { saveKey } from './session.js';

/**
 * Shows the sign-in form in `main`: one password field for the secret key. The form never submits to
 * the server (the key would otherwise travel in a URL or a body we do not need); the key is stored
 * (session.ts) and `onSignedIn` draws the dashboard. `refused` is the API's answer that sent the user
 * here, shown above the form.
 */
export function showSignIn(main: HTMLElement, refused: unknown, onSignedIn: () => void): void {
  const m = t().signIn;
  const input = el('input', {
    id: 'key', name: 'key', type: 'password', required: true, autocomplete: 'current-password', spellcheck: 'false',
    placeholder: 'rp_sec_…', 'aria-describedby': 'sign-in-help',
  });
  const form = el('form', { class: 'sign-in', method: 'post', action: '#', 'data-form': 'sign-in' },
    el('h1', {}, m.title),
    el('p', { id: 'sign-in-help', class: 'muted' }, m.help),
    refused ? errorBox(refused) : null,
    el('label', { for: 'key' }, m.key),
    input,
    el('button', { type: 'submit', class: 'primary' }, m.submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key === '') return;
    saveKey(key);
    onSignedIn();
  });
  main.replaceChildren(el('div', { class: 'sign-in-wrap' }, form));
  input.focus();
}
