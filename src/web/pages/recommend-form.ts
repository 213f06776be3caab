import { withQuery } from '../api.js';
import { el, select } from '../elements.js';
import { t } from '../i18n.js';

/** What the recommendation page asks the explain endpoint: the form's fields. */
export interface RecommendRequest {
  /** A person id (`per_…`) or identity key (`user:42`); empty asks for the non-personalised mode. */
  readonly person: string;
  readonly slot: string;
  /** How many items, 1–100 (kept as typed: the API answers a catalogued error when it is out of range). */
  readonly n: number;
  readonly category: string;
  /** '' (any) or one of PRICE_BANDS. */
  readonly priceBand: string;
  readonly inStock: boolean;
  readonly excludeBought: boolean;
  readonly excludeSeen: boolean;
  readonly nonPersonalised: boolean;
}

/** The price bands the API knows (yuan), in the order the select lists them after "any". */
export const PRICE_BANDS = ['<50', '50-200', '200-500', '500+'] as const;

/** The form's starting values: the home feed, ten items, no filters. */
export const DEFAULT_REQUEST: RecommendRequest = Object.freeze({
  person: '', slot: 'home_feed', n: 10, category: '', priceBand: '', inStock: false, excludeBought: false, excludeSeen: false, nonPersonalised: false,
});

type Flag = 'inStock' | 'excludeBought' | 'excludeSeen' | 'nonPersonalised';

/**
 * The request in the address's hash query (`#/recommend?person=user:42&n=5`), or null when the hash has
 * no query. Missing fields take the defaults. Only these fields are ever read from or written to the
 * address — never the key.
 */
export function requestFromHash(hash: string): RecommendRequest | null {
  const at = hash.indexOf('?');
  if (at < 0) return null;
  const q = new URLSearchParams(hash.slice(at + 1));
  const n = Number(q.get('n') ?? DEFAULT_REQUEST.n);
  const flag = (name: Flag) => (q.has(name) ? q.get(name) === 'true' : DEFAULT_REQUEST[name]);
  return {
    person: (q.get('person') ?? '').trim(), slot: (q.get('slot') ?? DEFAULT_REQUEST.slot).trim() || DEFAULT_REQUEST.slot,
    n: Number.isInteger(n) ? n : DEFAULT_REQUEST.n, category: (q.get('category') ?? '').trim(), priceBand: q.get('priceBand') ?? '',
    inStock: flag('inStock'), excludeBought: flag('excludeBought'), excludeSeen: flag('excludeSeen'), nonPersonalised: flag('nonPersonalised'),
  };
}

/** The page's hash for a request: `#/recommend?…` with only the fields that differ from the defaults. */
export function requestHash(r: RecommendRequest): string {
  const query: Record<string, string | number | boolean | undefined> = {};
  for (const [name, value] of Object.entries(r) as [keyof RecommendRequest, string | number | boolean][]) {
    if (value !== DEFAULT_REQUEST[name]) query[name] = value;
  }
  return `#${withQuery('/recommend', query)}`;
}

/** The explain endpoint's path for a request (`personalised=false` for the non-personalised checkbox). */
export function explainPath(r: RecommendRequest): string {
  return withQuery('/v1/recommendations/explain', {
    person: r.person, slot: r.slot, n: r.n, category: r.category, priceBand: r.priceBand,
    inStock: r.inStock || undefined, excludeBought: r.excludeBought || undefined, excludeSeen: r.excludeSeen || undefined,
    personalised: r.nonPersonalised ? false : undefined,
  });
}

function field(label: string, control: HTMLElement): HTMLElement {
  return el('label', { class: 'control' }, el('span', {}, label), control);
}

function checkbox(id: string, label: string, checked: boolean): HTMLElement {
  return el('label', { class: 'check' }, el('input', { id, type: 'checkbox', checked }), el('span', {}, label));
}

/**
 * The request form, filled with `initial`. It never submits to the server (the page's CSP forbids form
 * actions anyway): `onSubmit` gets the values once the browser's own checks (n 1–100, slot pattern) pass.
 */
export function requestForm(initial: RecommendRequest, onSubmit: (request: RecommendRequest) => void): HTMLFormElement {
  const m = t().recommend;
  const person = el('input', { id: 'rec-person', name: 'person', type: 'text', value: initial.person, placeholder: m.personHint, spellcheck: 'false', autocomplete: 'off', maxlength: 300 });
  const slot = el('input', { id: 'rec-slot', name: 'slot', type: 'text', value: initial.slot, required: true, pattern: '[A-Za-z0-9_\\-]{1,64}', spellcheck: 'false' });
  const n = el('input', { id: 'rec-n', name: 'n', type: 'number', value: initial.n, min: 1, max: 100, step: 1, required: true });
  const category = el('input', { id: 'rec-category', name: 'category', type: 'text', value: initial.category, placeholder: m.any, spellcheck: 'false' });
  const bands = [{ value: '', label: m.any }, ...PRICE_BANDS.map((b) => ({ value: b, label: m.priceBands[b] ?? b }))];
  const form = el('form', { class: 'rec-form', method: 'post', action: '#', 'data-form': 'recommend' },
    el('div', { class: 'rec-fields' },
      field(m.person, person), field(m.slot, slot), field(m.n, n), field(m.category, category),
      select(m.priceBand, 'rec-price-band', bands, initial.priceBand, () => undefined)),
    el('div', { class: 'rec-checks' },
      checkbox('rec-in-stock', m.inStock, initial.inStock), checkbox('rec-exclude-bought', m.excludeBought, initial.excludeBought),
      checkbox('rec-exclude-seen', m.excludeSeen, initial.excludeSeen), checkbox('rec-non-personalised', m.nonPersonalised, initial.nonPersonalised)),
    el('div', { class: 'rec-submit' }, el('button', { type: 'submit', class: 'primary' }, m.submit), el('span', { class: 'muted' }, m.preview)));
  const checked = (id: string) => form.querySelector<HTMLInputElement>(`#${id}`)?.checked ?? false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit({
      person: person.value.trim(), slot: slot.value.trim(), n: Number(n.value), category: category.value.trim(),
      priceBand: form.querySelector<HTMLSelectElement>('#rec-price-band')?.value ?? '',
      inStock: checked('rec-in-stock'), excludeBought: checked('rec-exclude-bought'), excludeSeen: checked('rec-exclude-seen'), nonPersonalised: checked('rec-non-personalised'),
    });
  });
  return form;
}
