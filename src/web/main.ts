import './styles.css';
import { onKeyRefused } from './api.js';
import { detectLang, lang, setLang } from './i18n.js';
import { leavePage, routeFromHash, setReady, showPage } from './router.js';
import { clearKey, readKey } from './session.js';
import { renderShell, shellButtons } from './shell.js';
import { showSignIn } from './sign-in.js';

/**
 * The dashboard's entry: picks the language, shows the sign-in form until a key is stored, then the page
 * the address names (`#/overview`, `#/funnel`, …), redrawn on navigation and on a language switch.
 */

const mainEl = document.getElementById('main');
if (!mainEl) throw new Error('index.html lacks #main');
const main: HTMLElement = mainEl;

/** The address without a page (or the old `#key=…` links, whose key is dropped unread) goes to the overview. */
function normaliseHash(): void {
  if (!/^#\/[\w-]+/.test(location.hash)) history.replaceState(null, '', `${location.pathname}${location.search}#/${routeFromHash().name}`);
}

function showDashboard(): void {
  normaliseHash();
  showPage(main, routeFromHash());
  renderShell(true);
}

function signIn(refused: unknown): void {
  leavePage();
  document.body.dataset.route = 'sign-in';
  renderShell(false);
  showSignIn(main, refused, showDashboard);
  setReady(Promise.resolve());
}

function start(): void {
  if (readKey()) showDashboard();
  else signIn(null);
}

onKeyRefused((error) => {
  // Every card of the page gets the same refusal; the first one signs out.
  if (document.body.dataset.route === 'sign-in') return;
  clearKey();
  signIn(error);
});

window.addEventListener('hashchange', () => { if (readKey()) showDashboard(); });

const buttons = shellButtons();
buttons.lang.addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh', true);
  if (document.body.dataset.route === 'sign-in') signIn(null);
  else start();
});
buttons.signOut.addEventListener('click', () => {
  clearKey();
  signIn(null);
});

setLang(detectLang(), false);
start();
