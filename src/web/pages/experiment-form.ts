import { ApiError } from '../api.js';
import { FUNNEL_NODES, type ExperimentDesign, type ExperimentInput, type MetricDef, type MetricKind } from '../api-types.js';
import { errorBox, isAbort } from '../card.js';
import { el, note } from '../elements.js';
import { formatNumber } from '../format.js';
import { fill, nodeName, t } from '../i18n.js';

/** The metric kinds the form offers (count metrics stay API-only), in the order the select lists them. */
export const FORM_METRIC_KINDS: readonly MetricKind[] = ['conversion', 'gmv', 'orders', 'decision_time', 'retention', 'refund_rate', 'complaint_rate'];
/** Lower is better for these: a decrease is a win. */
const INVERSE: ReadonlySet<MetricKind> = new Set(['decision_time', 'refund_rate', 'complaint_rate']);
const MAX_VARIATIONS = 10;

function field(label: string, control: HTMLElement, extra = ''): HTMLElement {
  return el('label', { class: `control ${extra}`.trim() }, el('span', {}, label), control);
}

/** Even weights that sum to exactly 1 at three decimals (the last one takes the remainder). */
export function evenWeights(n: number): number[] {
  const w = Math.floor(1000 / n) / 1000;
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? Math.round((1 - w * (n - 1)) * 1000) / 1000 : w));
}

/**
 * A metric's key from what it measures (`conversion_pay`, `net_gmv`, `retention_d7`), distinct from the
 * keys already `taken` (and from the default guardrails `refund_rate` and `complaint_rate`).
 */
export function metricKey(kind: MetricKind, event: string, day: number, taken: ReadonlySet<string>): string {
  const base = kind === 'conversion' ? `conversion_${event.replace(/[^A-Za-z0-9_.-]/g, '_') || 'event'}`
    : kind === 'retention' ? `retention_d${Number.isFinite(day) ? day : 'n'}`
      : ({ gmv: 'net_gmv', refund_rate: 'refunds', complaint_rate: 'complaints' } as Record<string, string>)[kind] ?? kind;
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
}

/** One metric picker: the kind, and the event (conversion) or day (retention) it needs. */
function metricRow(removable: boolean): HTMLElement {
  const m = t().experiments;
  const kind = el('select', { 'data-field': 'metric-kind' },
    ...FORM_METRIC_KINDS.map((k) => el('option', { value: k }, m.metricKinds[k] ?? k)));
  const event = field(m.event, el('input', { type: 'text', 'data-field': 'metric-event', value: 'pay', list: 'exp-events', spellcheck: 'false', autocomplete: 'off' }));
  const day = field(m.day, el('input', { type: 'number', 'data-field': 'metric-day', value: 7, min: 1, max: 90, step: 1 }));
  const sync = () => { event.hidden = kind.value !== 'conversion'; day.hidden = kind.value !== 'retention'; };
  kind.addEventListener('change', sync);
  sync();
  const row = el('div', { class: 'exp-row', 'data-metric-row': '' }, field(m.metric, kind), event, day);
  if (removable) {
    const remove = el('button', { type: 'button', class: 'btn', 'data-action': 'remove-metric' }, m.remove);
    remove.addEventListener('click', () => row.remove());
    row.append(remove);
  }
  return row;
}

/** Reads a metric row into a definition with a generated key. */
function readMetric(row: HTMLElement, taken: Set<string>): MetricDef {
  const kind = (row.querySelector<HTMLSelectElement>('[data-field="metric-kind"]')?.value ?? 'conversion') as MetricKind;
  const event = row.querySelector<HTMLInputElement>('[data-field="metric-event"]')?.value.trim() ?? '';
  const day = row.querySelector<HTMLInputElement>('[data-field="metric-day"]')?.valueAsNumber ?? NaN;
  const key = metricKey(kind, event, day, taken);
  taken.add(key);
  return {
    key, kind, ...(kind === 'conversion' ? { event } : {}), ...(kind === 'retention' ? { day: Number.isFinite(day) ? day : 0 } : {}),
    ...(INVERSE.has(kind) ? { inverse: true } : {}),
  };
}

/** One variation row: key, name, weight, and a remove button. */
function variationRow(key: string, name: string, weight: number, onRemove: (row: HTMLElement) => void): HTMLElement {
  const m = t().experiments;
  const remove = el('button', { type: 'button', class: 'btn', 'data-action': 'remove-variation' }, m.remove);
  const row = el('div', { class: 'exp-row exp-variation', 'data-variation-row': '' },
    el('input', { type: 'text', 'data-field': 'variation-key', value: key, 'aria-label': m.variationKey, placeholder: m.variationKey, spellcheck: 'false', autocomplete: 'off' }),
    el('input', { type: 'text', 'data-field': 'variation-name', value: name, 'aria-label': m.variationName, placeholder: m.variationName }),
    el('input', { type: 'number', 'data-field': 'variation-weight', value: weight, min: 0, max: 1, step: 0.001, 'aria-label': m.weight }),
    remove);
  remove.addEventListener('click', () => onRemove(row));
  return row;
}

const inputOf = (root: ParentNode, field: string) => root.querySelector<HTMLInputElement>(`[data-field="${field}"]`);

/** The variations fieldset: starts with a control and one treatment; 2–10 rows; shows the weights' sum. */
function variationsFieldset(): { fieldset: HTMLElement; read(): ExperimentInput['variations'] } {
  const m = t().experiments;
  const rows = el('div', { class: 'exp-rows' });
  const sum = el('p', { class: 'muted exp-weight-sum', 'data-field': 'weight-sum' });
  const add = el('button', { type: 'button', class: 'btn', 'data-action': 'add-variation' }, m.addVariation);
  const all = () => [...rows.querySelectorAll<HTMLElement>('[data-variation-row]')];
  const showSum = () => {
    const total = all().reduce((s, r) => s + (inputOf(r, 'variation-weight')?.valueAsNumber || 0), 0);
    const ok = Math.abs(total - 1) <= 1e-6;
    sum.textContent = fill(ok ? m.weightSum : m.weightSumBad, { sum: formatNumber(total, 3) });
    sum.dataset.ok = String(ok);
    add.disabled = all().length >= MAX_VARIATIONS;
    for (const b of rows.querySelectorAll<HTMLButtonElement>('[data-action="remove-variation"]')) b.disabled = all().length <= 2;
  };
  // Adding or removing an arm splits the traffic evenly again; the weights can be edited after.
  const rebalance = () => { evenWeights(all().length).forEach((w, i) => { const input = inputOf(all()[i] as HTMLElement, 'variation-weight'); if (input) input.value = String(w); }); showSum(); };
  const remove = (row: HTMLElement) => { row.remove(); rebalance(); };
  rows.append(variationRow('control', m.controlName, 0.5, remove), variationRow('treatment', fill(m.treatmentName, { n: 1 }), 0.5, remove));
  add.addEventListener('click', () => {
    const n = all().length;
    let key = `treatment_${n}`;
    for (let i = n + 1; all().some((r) => inputOf(r, 'variation-key')?.value === key); i++) key = `treatment_${i}`;
    rows.append(variationRow(key, fill(m.treatmentName, { n }), 0, remove));
    rebalance();
  });
  rows.addEventListener('input', showSum);
  showSum();
  const fieldset = el('fieldset', { class: 'exp-fieldset' }, el('legend', {}, m.variations), rows, el('div', { class: 'exp-row' }, add, sum));
  const read = () => all().map((r) => {
    const key = inputOf(r, 'variation-key')?.value.trim() ?? '';
    // An empty weight is sent as null, so the server names the problem.
    return { key, name: inputOf(r, 'variation-name')?.value.trim() || key, weight: inputOf(r, 'variation-weight')?.valueAsNumber ?? NaN };
  });
  return { fieldset, read };
}

/** The metrics fieldset: one primary metric and any number of secondary ones. */
function metricsFieldset(): { fieldset: HTMLElement; read(): MetricDef[] } {
  const m = t().experiments;
  const primary = metricRow(false);
  primary.dataset.role = 'primary';
  const secondary = el('div', { class: 'exp-rows', 'data-list': 'secondary-metrics' });
  const add = el('button', { type: 'button', class: 'btn', 'data-action': 'add-metric' }, m.addMetric);
  add.addEventListener('click', () => secondary.append(metricRow(true)));
  const events = el('datalist', { id: 'exp-events' }, ...FUNNEL_NODES.map((n) => el('option', { value: n }, nodeName(n))));
  const fieldset = el('fieldset', { class: 'exp-fieldset' },
    el('legend', {}, m.primaryMetric), primary, events,
    el('h4', {}, m.secondaryMetrics), secondary, add, note(m.guardrailsNote));
  const read = () => {
    const taken = new Set<string>(['refund_rate', 'complaint_rate']);
    return [primary, ...secondary.querySelectorAll<HTMLElement>('[data-metric-row]')].map((row) => readMetric(row, taken));
  };
  return { fieldset, read };
}

/** The design and analysis fieldset: unit of randomisation, engine, sequential, CUPED. */
function designFieldset(): { fieldset: HTMLElement; read(): { design: ExperimentDesign; analysis: NonNullable<ExperimentInput['analysis']> } } {
  const m = t().experiments;
  const options = (names: Record<string, string>) => Object.entries(names).map(([value, label]) => el('option', { value }, label));
  const kind = el('select', { id: 'exp-design' }, ...options(m.designKinds));
  const by = field(m.clusterBy, el('select', { id: 'exp-cluster-by' }, ...options(m.clusterBys)));
  const slot = field(m.slotMinutes, el('input', { id: 'exp-slot', type: 'number', value: 60, min: 5, max: 1440, step: 1 }));
  const burnIn = field(m.burnInMinutes, el('input', { id: 'exp-burn-in', type: 'number', value: 5, min: 0, step: 1 }));
  const sync = () => { by.hidden = kind.value !== 'cluster'; slot.hidden = kind.value !== 'switchback'; burnIn.hidden = kind.value !== 'switchback'; };
  kind.addEventListener('change', sync);
  sync();
  const engine = el('select', { id: 'exp-engine' }, ...options(m.engines));
  const sequential = el('input', { id: 'exp-sequential', type: 'checkbox' });
  const cuped = el('input', { id: 'exp-cuped', type: 'checkbox', checked: true });
  const fieldset = el('fieldset', { class: 'exp-fieldset' }, el('legend', {}, m.designAnalysis),
    el('div', { class: 'exp-fields' }, field(m.design, kind), by, slot, burnIn, field(m.engine, engine)),
    el('div', { class: 'exp-checks' },
      el('label', { class: 'check' }, sequential, el('span', {}, m.sequential)),
      el('label', { class: 'check' }, cuped, el('span', {}, m.cuped))));
  const read = () => {
    const byValue = (fieldset.querySelector<HTMLSelectElement>('#exp-cluster-by')?.value ?? 'creatorId') as 'creatorId' | 'liveId';
    const minutes = (id: string) => fieldset.querySelector<HTMLInputElement>(`#${id}`)?.valueAsNumber ?? NaN;
    const design: ExperimentDesign = kind.value === 'cluster' ? { kind: 'cluster', by: byValue }
      : kind.value === 'switchback' ? { kind: 'switchback', slotMinutes: minutes('exp-slot'), burnInMinutes: minutes('exp-burn-in') } : { kind: 'person' };
    return { design, analysis: { engine: engine.value as 'frequentist' | 'bayesian', sequential: sequential.checked, cuped: cuped.checked } };
  };
  return { fieldset, read };
}

/**
 * The problems the server listed (`details.problems`, in a list named `data-list="<list>"`), or the
 * catalogued error box for anything else.
 */
export function problemsBox(err: unknown, list = 'experiment-problems'): HTMLElement {
  const problems = err instanceof ApiError ? err.body?.details?.problems : undefined;
  if (!problems || problems.length === 0) return errorBox(err);
  return el('div', { class: 'error', role: 'alert' }, el('strong', {}, t().experiments.problems),
    el('ul', { 'data-list': list }, ...problems.map((p) => el('li', {}, p))));
}

/**
 * The create form for the common case. The server is the one validator (it lists every problem at
 * once), so the browser's own checks are off (`novalidate`) and the weights' sum is only a hint.
 * `create` sends the definition; `track` lets the page's readiness wait for the answer. On success the
 * form starts again empty, with a line naming the draft created.
 */
export function experimentForm(create: (input: ExperimentInput) => Promise<{ key: string }>, track: (work: Promise<unknown>) => void): HTMLElement {
  const wrap = el('div', { class: 'exp-form-wrap' });
  const status = el('div', { class: 'exp-form-status', 'data-field': 'form-status', 'aria-live': 'polite' });
  const build = (): HTMLFormElement => {
    const m = t().experiments;
    const key = el('input', { id: 'exp-key', type: 'text', placeholder: m.keyHint, spellcheck: 'false', autocomplete: 'off', maxlength: 80 });
    const name = el('input', { id: 'exp-name', type: 'text', maxlength: 200 });
    const coverage = el('input', { id: 'exp-coverage', type: 'number', value: 100, min: 1, max: 100, step: 1 });
    const hypothesis = el('textarea', { id: 'exp-hypothesis', rows: 2, placeholder: m.hypothesisHint, maxlength: 2000 });
    const variations = variationsFieldset();
    const metrics = metricsFieldset();
    const design = designFieldset();
    const submit = el('button', { type: 'submit', class: 'primary' }, m.submit);
    const form = el('form', { class: 'exp-form', method: 'post', action: '#', novalidate: true, 'data-form': 'experiment' },
      el('div', { class: 'exp-fields' }, field(m.key, key), field(m.name, name), field(m.coverage, coverage)),
      field(m.hypothesis, hypothesis, 'exp-wide'), variations.fieldset, metrics.fieldset, design.fieldset,
      el('div', { class: 'rec-submit' }, submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const { design: d, analysis } = design.read();
      const input: ExperimentInput = {
        key: key.value.trim(), variations: variations.read(), metrics: metrics.read(), design: d, analysis,
        ...(name.value.trim() ? { name: name.value.trim() } : {}), ...(hypothesis.value.trim() ? { hypothesis: hypothesis.value.trim() } : {}),
        ...(Number.isFinite(coverage.valueAsNumber) ? { coverage: coverage.valueAsNumber / 100 } : {}),
      };
      submit.disabled = true;
      submit.textContent = m.creating;
      track((async () => {
        try {
          const created = await create(input);
          wrap.replaceChildren(build(), status);
          status.replaceChildren(el('p', { class: 'exp-created', 'data-field': 'created' }, fill(t().experiments.created, { key: created.key })));
        } catch (err) {
          if (isAbort(err)) return;
          status.replaceChildren(problemsBox(err));
          submit.disabled = false;
          submit.textContent = m.submit;
        }
      })());
    });
    return form;
  };
  wrap.append(build(), status);
  return wrap;
}
