import type { Experiment, FeatureFlag } from '../api-types.js';
import { confirmButton, el, note } from '../elements.js';
import { formatDateTime, formatInt } from '../format.js';
import { fill, t } from '../i18n.js';
import { truncate } from '../labels.js';
import { designName, metricName, statusBadge, variationLabel } from './experiment-labels.js';

/** What the list's buttons do (the page runs the request, then reloads what changed). */
export interface ListActions {
  move(e: Experiment, to: 'start' | 'stop'): void;
  ship(e: Experiment, variation: string): void;
  report(e: Experiment): void;
}

function actionButton(action: string, label: string, onClick: () => void, primary = false): HTMLButtonElement {
  const button = el('button', { type: 'button', class: primary ? 'btn btn-primary' : 'btn', 'data-action': action }, label);
  button.addEventListener('click', () => {
    // One request per click: the list is redrawn when it answers.
    button.closest('td')?.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    onClick();
  });
  return button;
}

/** The ship picker that replaces a row's buttons: a variation select (the first treatment first), ship, cancel. */
function shipPicker(cell: HTMLElement, e: Experiment, actions: ListActions, buttons: () => HTMLElement[]): HTMLElement[] {
  const m = t().experiments;
  const choice = el('select', { 'data-field': 'ship-variation', 'aria-label': m.shipChoose },
    ...e.variations.map((v, i) => el('option', { value: v.key, selected: i === 1 }, variationLabel(e, v.key))));
  const confirm = actionButton('confirm-ship', m.confirmShip, () => actions.ship(e, choice.value), true);
  const cancel = el('button', { type: 'button', class: 'btn', 'data-action': 'cancel' }, m.cancel);
  cancel.addEventListener('click', () => cell.replaceChildren(...buttons()));
  return [choice, confirm, cancel];
}

/** The buttons a status allows: start (draft, stopped), stop (running), ship… (running, stopped), report (started). */
function rowActions(cell: HTMLElement, e: Experiment, actions: ListActions): HTMLElement[] {
  const m = t().experiments;
  const buttons: HTMLElement[] = [];
  if (e.status === 'draft' || e.status === 'stopped') buttons.push(actionButton('start', m.start, () => actions.move(e, 'start'), true));
  if (e.status === 'running') buttons.push(actionButton('stop', m.stop, () => actions.move(e, 'stop')));
  if (e.status === 'running' || e.status === 'stopped') {
    const ship = el('button', { type: 'button', class: 'btn', 'data-action': 'ship' }, m.ship);
    ship.addEventListener('click', () => cell.replaceChildren(...shipPicker(cell, e, actions, () => rowActions(cell, e, actions))));
    buttons.push(ship);
  }
  if (e.startedAt !== null) {
    const report = el('button', { type: 'button', class: 'btn', 'data-action': 'report' }, m.report);
    report.addEventListener('click', () => actions.report(e));
    buttons.push(report);
  }
  return buttons;
}

/** The status cell: the badge, and the shipped variation once concluded. */
function statusCell(e: Experiment): HTMLElement {
  const shipped = e.shippedVariation !== null ? e.variations[e.shippedVariation] : undefined;
  return el('td', { class: 'text' }, statusBadge(e.status),
    shipped ? el('span', { class: 'muted exp-shipped' }, ` ${fill(t().experiments.shippedVariation, { v: shipped.key })}`) : null);
}

/**
 * The experiments table: key, name, status, design, start, primary metric and the actions the status
 * allows. Rows carry `data-experiment` (key), `data-id` and `data-status`; the selected one is marked.
 */
export function drawExperimentList(body: HTMLElement, experiments: readonly Experiment[], actions: ListActions, selected: string | null): void {
  const m = t().experiments;
  if (experiments.length === 0) { body.append(el('p', { class: 'empty' }, m.empty)); return; }
  const headers = [m.key, m.name, m.status, m.design, m.started, m.primary, m.actions];
  const rows = experiments.map((e) => {
    const cell = el('td', { class: 'text exp-actions' });
    cell.append(...rowActions(cell, e, actions));
    const primary = e.metrics[0];
    return el('tr', { 'data-experiment': e.key, 'data-id': e.id, 'data-status': e.status, class: e.id === selected ? 'selected' : undefined },
      el('td', { class: 'text mono' }, e.key),
      el('td', { class: 'text', title: e.hypothesis || undefined }, truncate(e.name, 40)),
      statusCell(e),
      el('td', { class: 'text' }, designName(e.design)),
      el('td', {}, formatDateTime(e.startedAt)),
      el('td', { class: 'text' }, primary ? metricName(primary) : '—'),
      cell);
  });
  body.append(el('div', { class: 'table-wrap' }, el('table', { 'data-table': 'experiments' },
    el('thead', {}, el('tr', {}, ...headers.map((h, i) => el('th', { class: i === 4 ? undefined : 'text' }, h)))),
    el('tbody', {}, ...rows))));
}

/** A flag's default value as short JSON. */
const shortJson = (value: unknown) => truncate(JSON.stringify(value) ?? 'null', 24);

/** What the flags table's buttons do: edit fills the form with the flag; remove deletes it (the page reloads the list). */
export interface FlagActions {
  edit(flag: FeatureFlag): void;
  remove(key: string): void;
}

/** The flags table: key, enabled, default value, rule count, an edit button and a delete button that asks once more. */
export function drawFlags(body: HTMLElement, flags: readonly FeatureFlag[], actions: FlagActions): void {
  const m = t().experiments;
  if (flags.length === 0) body.append(el('p', { class: 'empty' }, m.flagsEmpty));
  else {
    const rows = flags.map((f) => {
      const edit = el('button', { type: 'button', class: 'btn', 'data-action': 'edit-flag' }, m.edit);
      edit.addEventListener('click', () => actions.edit(f));
      return el('tr', { 'data-flag': f.key },
        el('td', { class: 'text mono', title: f.description || undefined }, f.key),
        el('td', { class: 'text' }, el('span', { class: `badge ${f.enabled ? 'badge-resolved' : ''}`.trim() }, f.enabled ? m.yes : m.no)),
        el('td', { class: 'text mono' }, shortJson(f.defaultValue)),
        el('td', {}, formatInt(f.rules.length)),
        el('td', { class: 'text' }, el('div', { class: 'exp-actions' },
          edit, confirmButton(m.delete, m.confirmDelete, { class: 'btn', 'data-action': 'delete-flag' }, () => actions.remove(f.key)))));
    });
    body.append(el('div', { class: 'table-wrap' }, el('table', { 'data-table': 'flags' },
      el('thead', {}, el('tr', {}, ...[m.flagKey, m.enabled, m.defaultValue, m.rules, ''].map((h, i) => el('th', { class: i === 3 ? undefined : 'text' }, h)))),
      el('tbody', {}, ...rows))));
  }
  body.append(note(m.flagsNote));
}
