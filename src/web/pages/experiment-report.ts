import type { Comparison, Experiment, ExperimentReport, MetricResult } from '../api-types.js';
import { confirmButton, el, note, table, type Cell } from '../elements.js';
import { formatDateTime, formatInt, formatPct } from '../format.js';
import { fill, lang, t } from '../i18n.js';
import { drawForest } from './experiment-charts.js';
import { formatEffect, formatInterval, formatMean, formatP, inLang, metricName, statusBadge, variationLabel } from './experiment-labels.js';

/** The SRM line: passed or failed with the p-value, and each arm's units against its planned share. */
function srmLine(r: ExperimentReport): HTMLElement {
  const m = t().experiments;
  const e = r.experiment;
  const failed = r.srm.mismatch;
  const p = r.srm.pValue === null ? '' : ` · p = ${formatP(r.srm.pValue)}`;
  const arms = r.srm.counts.map((n, i) => fill(m.srmArm, { arm: e.variations[i]?.key ?? String(i), n: formatInt(n), share: formatPct(r.srm.expectedShares[i] ?? null) }));
  return el('div', { class: 'exp-checks' },
    el('span', { class: `badge ${failed ? 'badge-firing' : 'badge-resolved'}`, 'data-srm': failed ? 'failed' : 'passed' }, `${failed ? m.srmFailed : m.srmPassed}${p}`),
    el('span', { class: 'muted', 'data-field': 'srm-counts' }, arms.join(lang() === 'zh' ? '；' : ' · ')));
}

/** The decision with the server's verdict in the current language, and "Ship <winner>" when it says ship. */
function verdictBox(r: ExperimentReport, onShip: (variation: string) => void): HTMLElement {
  const m = t().experiments;
  const box = el('div', { class: `exp-verdict exp-verdict-${r.decision}`, 'data-field': 'verdict', 'data-decision': r.decision },
    el('strong', { 'data-field': 'decision' }, m.decisions[r.decision]),
    el('p', { 'data-field': 'verdict-text' }, inLang(r.verdict)));
  const open = r.experiment.status === 'running' || r.experiment.status === 'stopped';
  if (r.decision === 'ship' && r.winner !== null && open) {
    const winner = r.winner;
    box.append(confirmButton(fill(m.shipWinner, { v: winner }), fill(m.confirmShipWinner, { v: winner }),
      { class: 'btn btn-primary', 'data-action': 'ship-winner', 'data-variation': winner }, () => onShip(winner)));
  }
  return box;
}

/** The p-value column's heading: adjusted (Holm, BH) when the report corrected, chance to win for Bayesian. */
function evidenceHeading(r: ExperimentReport, metric: MetricResult): string {
  const m = t().experiments;
  if (r.engine === 'bayesian') return m.chanceToWin;
  const adjusted = metric.comparisons.some((c) => c.adjustedPValue !== null);
  return adjusted && r.correction !== 'none' ? fill(m.pAdjusted, { method: r.correction === 'holm' ? 'Holm' : 'BH' }) : m.pValue;
}

/** A treatment's outcome cell: the guardrail status for guardrails with data, else the outcome, as a badge. */
function outcomeCell(c: Comparison, metric: MetricResult): Cell {
  const m = t().experiments;
  if (metric.role === 'guardrail' && c.guardrail && c.outcome !== 'no_data') return { text: m.guardrailStatus[c.guardrail], badge: `badge badge-guard-${c.guardrail}`, title: m.outcomes[c.outcome], className: 'text' };
  return { text: m.outcomes[c.outcome], badge: `badge badge-outcome-${c.outcome}`, className: 'text' };
}

/** The table of one metric: the control, then each treatment with its effect, interval, evidence, outcome and verdict. */
function metricTable(r: ExperimentReport, metric: MetricResult): HTMLElement {
  const m = t().experiments;
  const e = r.experiment;
  const control: Cell[] = [
    { text: `${variationLabel(e, metric.control.variation)} · ${m.controlTag}`, className: 'text' },
    formatInt(metric.control.units), formatMean(metric.control.mean, metric.kind), '—', '—', '—', { text: '—', className: 'text' }, { text: '', className: 'text' },
  ];
  // Without data the server's effect, interval and p-value are placeholders: show none.
  const rows = metric.comparisons.map((c): Cell[] => {
    const none = c.outcome === 'no_data';
    return [
      { text: variationLabel(e, c.variation), className: 'text' },
      formatInt(c.units), formatMean(c.mean, metric.kind),
      { text: none ? '—' : formatEffect(c.expected, r.difference, metric.kind), className: 'exp-effect' },
      none ? '—' : formatInterval(c.ci, r.difference, metric.kind),
      none ? '—' : c.pValue !== null ? { text: formatP(c.adjustedPValue ?? c.pValue), title: `p = ${formatP(c.pValue)}` } : formatPct(c.chanceToWin),
      outcomeCell(c, metric),
      { text: inLang(c.verdict), className: 'text wrap exp-verdict-cell', ...(c.errorMessage ? { title: c.errorMessage } : {}) },
    ];
  });
  return table([m.arm, m.units, m.mean, m.effect, m.interval, evidenceHeading(r, metric), m.outcome, m.verdict], [control, ...rows],
    { textColumns: [6, 7], name: `metric-${metric.key}` });
}

/** A metric's name: the form's wording from its definition (events translated), else the server's. */
function metricTitle(e: Experiment, metric: MetricResult): string {
  const def = [...e.metrics, ...e.guardrails].find((d) => d.key === metric.key);
  // Ratio metrics are named from both sides by the server.
  return def && def.kind !== 'ratio' ? metricName(def) : inLang(metric.name);
}

/** One metric: its name and role (guardrails with their threshold), the forest plot and the table. */
function metricSection(r: ExperimentReport, metric: MetricResult, intervalName: string): HTMLElement {
  const m = t().experiments;
  const section = el('section', { class: `exp-metric exp-metric-${metric.role}`, 'data-metric': metric.key, 'data-role': metric.role },
    el('h3', {},
      el('span', { 'data-field': 'metric-name' }, metricTitle(r.experiment, metric)),
      el('span', { class: `badge badge-role-${metric.role}`, 'data-field': 'role' }, m.roles[metric.role]),
      metric.threshold !== undefined ? el('span', { class: 'muted' }, fill(m.threshold, { t: formatPct(metric.threshold) })) : null,
      metric.inverse ? el('span', { class: 'muted' }, m.lowerBetter) : null,
      metric.cuped ? el('span', { class: 'pill' }, 'CUPED') : null));
  drawForest(section, r.experiment, metric, r.difference, intervalName);
  section.append(metricTable(r, metric));
  return section;
}

/**
 * Draws a report: the experiment's status and settings, the decision and verdict (with "Ship <winner>"
 * when the decision is ship), the SRM check, exclusions and the sequential note, then each metric.
 */
export function drawReport(body: HTMLElement, r: ExperimentReport, onShip: (variation: string) => void): void {
  const m = t().experiments;
  const e = r.experiment;
  const intervalName = fill(m.intervals[r.engine], { level: formatPct(1 - r.alpha) });
  body.append(
    el('div', { class: 'exp-report-head', 'data-experiment': e.key },
      statusBadge(e.status), el('span', { class: 'mono' }, e.key),
      el('span', { class: 'muted' }, fill(m.settings, { engine: m.engines[r.engine] ?? r.engine, difference: m.differences[r.difference], alpha: r.alpha }))),
    ...(e.hypothesis ? [el('p', { class: 'exp-hypothesis' }, e.hypothesis)] : []),
    verdictBox(r, onShip),
    srmLine(r),
    el('p', { class: 'muted', 'data-field': 'exclusions' }, fill(m.exclusions, { multi: formatInt(r.exclusions.multipleVariations), burnIn: formatInt(r.exclusions.burnIn) })),
    el('p', { class: 'muted', 'data-field': 'sequential', 'data-enabled': String(r.sequential.enabled) }, inLang(r.sequential.note)),
    note(fill(m.observed, { until: formatDateTime(Date.parse(r.observedUntil)), at: formatDateTime(Date.parse(r.computedAt)) })),
  );
  for (const metric of r.metrics) body.append(metricSection(r, metric, intervalName));
  body.append(note(fill(m.forestNote, { interval: intervalName })));
}
