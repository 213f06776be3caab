import { el } from './elements.js';
import { t } from './i18n.js';
import { PAGES } from './router.js';

/** The fixed parts of index.html the shell fills in: brand, navigation, language switch, sign out. */
function part(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html lacks #${id}`);
  return node;
}

/**
 * Draws the header in the current language: the brand, one link per page (only when signed in), the
 * language switch (labelled with the other language) and the sign-out button.
 */
export function renderShell(signedIn: boolean): void {
  const m = t();
  part('brand-tagline').textContent = m.tagline;
  const current = document.body.dataset.route;
  part('nav').replaceChildren(...(signedIn ? PAGES.map((p) => el('a', {
    href: `#/${p.name}`, 'data-page': p.name, 'aria-current': p.name === current ? 'page' : undefined,
  }, m.nav[p.name as keyof typeof m.nav] ?? p.name)) : []));
  // On a phone the links scroll sideways: bring the current one into view.
  const active = part('nav').querySelector<HTMLElement>('[aria-current="page"]');
  if (active) {
    const nav = part('nav');
    nav.scrollLeft = active.offsetLeft - (nav.clientWidth - active.offsetWidth) / 2;
  }
  const lang = part('lang');
  lang.textContent = m.switchLang;
  lang.setAttribute('aria-label', m.switchLangLabel);
  const signOut = part('sign-out');
  signOut.textContent = m.signOut;
  signOut.hidden = !signedIn;
}

/** The header's language switch and sign-out buttons. */
export function shellButtons(): { lang: HTMLElement; signOut: HTMLElement } {
  return { lang: part('lang'), signOut: part('sign-out') };
}
