// The token this tab reads the collector with: a viewer's, or a console user's (which reads too).
// Asked for once per tab, when the collector answers 401; kept in sessionStorage (this tab only,
// never in a URL) and sent as a bearer token with every API request (api.js).
import { h, replace } from './dom.js';

const KEY = 'lxdscope.token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: value => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

/**
 * The collector refused to show its data without a token (401): forgets the token it refused and
 * asks for one above #main, once; when it is given, then() loads again. Refreshes that fail
 * meanwhile leave the form, and what is typed in it, alone.
 */
export function askForToken(words, then) {
  token.clear();
  const existing = document.getElementById('token-panel');
  if (existing) {
    replace(document.getElementById('token-problem'), words);
    return;
  }
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', size: 40, required: true });
  const panel = h('section', { id: 'token-panel', class: 'panel' },
    h('form', {
      id: 'token-form', class: 'token-form',
      onsubmit: e => {
        e.preventDefault();
        const value = input.value.trim();
        if (!value) return;
        token.set(value);
        panel.remove();
        then();
      },
    },
    h('label', null, 'Viewer token', input),
    h('button', { type: 'submit', class: 'primary' }, 'Use token'),
    h('span', { class: 'hint' }, 'This collector shows its data to its viewers only. A viewer or console token; kept in this tab only (sessionStorage), sent as a bearer token, never put in the URL.')),
    h('p', { id: 'token-problem', class: 'error' }, words));
  document.getElementById('main').before(panel);
  input.focus();
}
