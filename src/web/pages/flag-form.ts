import { CONSENT_PURPOSES, PLATFORMS, type FeatureFlag, type FlagInput, type FlagRule } from '../api-types.js';
import { isAbort } from '../card.js';
import { el } from '../elements.js';
import { fill, platformName, t } from '../i18n.js';
import { problemsBox } from './experiment-form.js';

/** The most rules the form edits (the API takes up to 50; more belong in the API or the CLI). */
export const MAX_FORM_RULES = 5;

/** What `JSON.parse` made of a field: the value, or that the text is not JSON. */
type Parsed = { ok: true; value: unknown } | { ok: false };

/** Parses a JSON field's text; empty text is not JSON either (a value is required). */
export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function field(label: string, ...controls: HTMLElement[]): HTMLElement {
  return el('label', { class: 'control' }, el('span', {}, label), ...controls);
}

/**
 * A JSON text input with its inline error (`data-field="json-error"`, hidden while the text parses).
 * `check()` shows or hides the error and answers what the text parses to.
 */
function jsonInput(attrs: Record<string, string>, label: string): { control: HTMLElement; input: HTMLInputElement; check(): Parsed } {
  const m = t().experiments;
  const input = el('input', { type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: m.jsonHint, ...attrs });
  const error = el('span', { class: 'flag-json-error', 'data-field': 'json-error', hidden: true }, m.invalidJson);
  const check = (): Parsed => {
    const parsed = parseJson(input.value.trim());
    error.hidden = parsed.ok;
    input.setAttribute('aria-invalid', String(!parsed.ok));
    return parsed;
  };
  // The error goes once the text is fixed; a new one shows when the field is left or the form sent.
  input.addEventListener('input', () => { if (!error.hidden) check(); });
  input.addEventListener('change', () => { if (input.value.trim() !== '') check(); });
  return { control: field(label, input, error), input, check };
}

/** Whether the form can show a rule as it is (platforms it lists, at most one known consent purpose, nothing else). */
function fitsForm(rule: FlagRule): boolean {
  const { platforms, consent, segments, condition } = rule.targeting ?? {};
  return (platforms ?? []).every((p) => (PLATFORMS as readonly string[]).includes(p))
    && (consent ?? []).length <= 1 && (consent ?? []).every((c) => (CONSENT_PURPOSES as readonly string[]).includes(c))
    && (segments ?? []).length === 0 && (condition === undefined || Object.keys(condition).length === 0);
}

/** One rule: platforms (several), an optional consent purpose, the value (JSON) and the coverage (0–1). */
function ruleRow(rule: FlagRule | null, onRemove: (row: HTMLElement) => void): { row: HTMLElement; read(): FlagRule | null } {
  const m = t().experiments;
  const chosen = new Set(rule?.targeting?.platforms ?? []);
  const platforms = el('select', { multiple: true, size: 4, 'data-field': 'rule-platforms' },
    ...PLATFORMS.map((p) => el('option', { value: p, selected: chosen.has(p) }, platformName(p))));
  const purpose = rule?.targeting?.consent?.[0] ?? '';
  const consent = el('select', { 'data-field': 'rule-consent' }, el('option', { value: '' }, m.consentNone),
    ...CONSENT_PURPOSES.map((c) => el('option', { value: c, selected: c === purpose }, m.consentPurposes[c] ?? c)));
  const value = jsonInput({ 'data-field': 'rule-value', value: rule ? JSON.stringify(rule.value) ?? '' : '' }, m.ruleValue);
  const coverage = el('input', { type: 'number', 'data-field': 'rule-coverage', min: 0, max: 1, step: 0.01, value: rule?.coverage ?? 1 });
  const title = el('strong', { 'data-field': 'rule-title' });
  const remove = el('button', { type: 'button', class: 'btn', 'data-action': 'remove-rule' }, m.remove);
  const row = el('div', { class: 'flag-rule', 'data-rule-row': '' }, el('div', { class: 'flag-rule-head' }, title, remove),
    el('div', { class: 'exp-fields' }, field(m.rulePlatforms, platforms), field(m.ruleConsent, consent), value.control, field(m.ruleCoverage, coverage)));
  remove.addEventListener('click', () => onRemove(row));
  const read = (): FlagRule | null => {
    const parsed = value.check();
    if (!parsed.ok) return null;
    const picked = [...platforms.selectedOptions].map((o) => o.value);
    // An empty coverage means the API's default (1); one out of range is sent for the server to name.
    const share = coverage.valueAsNumber;
    return {
      targeting: { ...(picked.length > 0 ? { platforms: picked } : {}), ...(consent.value ? { consent: [consent.value] } : {}) },
      value: parsed.value, ...(Number.isFinite(share) ? { coverage: share } : {}),
    };
  };
  return { row, read };
}

/** The flag form and `edit`, which fills it with a stored flag. */
export interface FlagForm {
  readonly element: HTMLElement;
  edit(flag: FeatureFlag): void;
}

/**
 * The create-or-replace form of the Flags card: key, description, enabled, default value (JSON) and up to
 * five rules. JSON fields that do not parse are marked inline and nothing is sent; everything else is the
 * server's to check (its problems are listed under the form). `save` sends `PUT /v1/flags/{key}` and
 * reloads the list; `track` lets the page's readiness wait for it. On success the form empties again.
 */
export function flagForm(save: (key: string, input: FlagInput) => Promise<unknown>, track: (work: Promise<unknown>) => void): FlagForm {
  const m = t().experiments;
  const status = el('div', { class: 'exp-form-status', 'data-field': 'flag-status', 'aria-live': 'polite' });
  const key = el('input', { id: 'flag-key', type: 'text', placeholder: m.flagKeyHint, spellcheck: 'false', autocomplete: 'off', maxlength: 80 });
  const description = el('input', { id: 'flag-description', type: 'text', maxlength: 500 });
  const enabled = el('input', { id: 'flag-enabled', type: 'checkbox', checked: true });
  const defaultValue = jsonInput({ id: 'flag-default' }, m.defaultJson);
  const rows = el('div', { class: 'exp-rows', 'data-list': 'flag-rules' });
  const readers = new Map<HTMLElement, () => FlagRule | null>();
  const addRule = el('button', { type: 'button', class: 'btn', 'data-action': 'add-rule' }, m.addRule);
  const lossy = el('p', { class: 'muted flag-lossy', 'data-field': 'flag-lossy', hidden: true }, fill(m.flagLossy, { max: MAX_FORM_RULES }));
  const submit = el('button', { type: 'submit', class: 'primary' }, m.saveFlag);
  const clear = el('button', { type: 'button', class: 'btn', 'data-action': 'clear-flag' }, m.clearFlag);

  const all = () => [...rows.querySelectorAll<HTMLElement>('[data-rule-row]')];
  const renumber = () => {
    all().forEach((row, i) => { const title = row.querySelector('[data-field="rule-title"]'); if (title) title.textContent = fill(m.rule, { n: i + 1 }); });
    addRule.disabled = all().length >= MAX_FORM_RULES;
  };
  const remove = (row: HTMLElement) => { readers.delete(row); row.remove(); renumber(); };
  const append = (rule: FlagRule | null) => {
    const r = ruleRow(rule, remove);
    readers.set(r.row, r.read);
    rows.append(r.row);
    renumber();
  };
  addRule.addEventListener('click', () => { if (all().length < MAX_FORM_RULES) append(null); });

  /** Puts a flag (or nothing: an empty form) into the fields. */
  const load = (flag: FeatureFlag | null) => {
    key.value = flag?.key ?? '';
    description.value = flag?.description ?? '';
    enabled.checked = flag?.enabled ?? true;
    defaultValue.input.value = flag ? JSON.stringify(flag.defaultValue) ?? '' : '';
    defaultValue.input.removeAttribute('aria-invalid');
    defaultValue.control.querySelector<HTMLElement>('[data-field="json-error"]')?.setAttribute('hidden', '');
    for (const row of all()) remove(row);
    for (const rule of (flag?.rules ?? []).slice(0, MAX_FORM_RULES)) append(rule);
    renumber();
    lossy.hidden = !flag || (flag.rules.length <= MAX_FORM_RULES && flag.rules.every(fitsForm));
  };

  const form = el('form', { class: 'exp-form flag-form', method: 'post', action: '#', novalidate: true, 'data-form': 'flag' },
    el('h3', {}, m.flagForm),
    el('div', { class: 'exp-fields' }, field(m.flagKey, key), field(m.flagDescription, description), defaultValue.control),
    el('label', { class: 'check' }, enabled, el('span', {}, m.enabled)),
    el('fieldset', { class: 'exp-fieldset' }, el('legend', {}, fill(m.flagRules, { max: MAX_FORM_RULES })), rows, addRule),
    lossy,
    el('div', { class: 'rec-submit' }, submit, clear));
  clear.addEventListener('click', () => { load(null); status.replaceChildren(); });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // Every JSON field is checked (so each shows its error) before anything is sent.
    const parsedDefault = defaultValue.check();
    const rules = all().map((row) => readers.get(row)?.() ?? null);
    if (!parsedDefault.ok || rules.some((r) => r === null)) {
      status.replaceChildren();
      form.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const flagKey = key.value.trim();
    if (flagKey === '') {
      key.setAttribute('aria-invalid', 'true');
      status.replaceChildren(el('p', { class: 'error', 'data-field': 'flag-key-missing' }, m.flagKeyRequired));
      key.focus();
      return;
    }
    key.removeAttribute('aria-invalid');
    const input: FlagInput = { description: description.value.trim(), enabled: enabled.checked, defaultValue: parsedDefault.value, rules: rules as FlagRule[] };
    submit.disabled = true;
    submit.textContent = m.savingFlag;
    track((async () => {
      try {
        await save(flagKey, input);
        load(null);
        status.replaceChildren(el('p', { class: 'exp-created', 'data-field': 'flag-saved' }, fill(t().experiments.flagSaved, { key: flagKey })));
      } catch (err) {
        if (isAbort(err)) return;
        status.replaceChildren(problemsBox(err, 'flag-problems'));
      } finally {
        submit.disabled = false;
        submit.textContent = m.saveFlag;
      }
    })());
  });

  renumber();
  return {
    element: el('div', { class: 'flag-form-wrap' }, form, status),
    edit(flag) {
      load(flag);
      status.replaceChildren();
      key.focus();
    },
  };
}
