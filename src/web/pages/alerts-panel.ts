import { postJson } from '../api.js';
import type { AlertView } from '../api-types.js';
import { errorBox } from '../card.js';
import { el } from '../elements.js';
import { formatClock, formatInt, formatPct } from '../format.js';
import { fill, lang, nodeName, scopeName, t } from '../i18n.js';

const SHOWN = 20;
const ORDER: Record<AlertView['status'], number> = { firing: 0, pending: 1, acknowledged: 2, resolved: 3 };

/** The alerts the live board knows, by id; newer versions (updatedAt) replace older ones. */
export class AlertList {
  private readonly byId = new Map<string, AlertView>();

  /** Adds or updates alerts; answers whether anything changed. */
  merge(alerts: AlertView[]): boolean {
    let changed = false;
    for (const a of alerts) {
      const old = this.byId.get(a.id);
      if (old && old.updatedAt > a.updatedAt) continue;
      this.byId.set(a.id, a);
      changed = true;
    }
    return changed;
  }

  /** Active alerts first (firing, pending, acknowledged), then resolved; newest first within each. */
  sorted(): AlertView[] {
    return [...this.byId.values()].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.activeSince - a.activeSince).slice(0, SHOWN);
  }

  /** Rule ids firing (acknowledged included) in a scope: the live board marks their charts. */
  firingRules(scope: string): Set<string> {
    return new Set([...this.byId.values()].filter((a) => a.scope === scope && (a.status === 'firing' || a.status === 'acknowledged')).map((a) => a.ruleId));
  }
}

/** The metric an alert watches: 曝光数 / Impression count, 下单→支付 转化率 / Order → Pay rate. */
export function ruleLabel(a: AlertView): string {
  const m = t().live;
  return a.metric.kind === 'count'
    ? fill(m.countRule, { node: nodeName(a.metric.node) })
    : fill(m.rateRule, { from: nodeName(a.metric.from), to: nodeName(a.metric.to) });
}

function formatMetric(a: AlertView, v: number | null): string {
  return a.metric.kind === 'rate' ? formatPct(v) : formatInt(v);
}

function facts(a: AlertView): string {
  const m = t().live;
  const parts = [`${m.value} ${formatMetric(a, a.value)}`, `${m.baseline} ${formatMetric(a, a.baseline)}`, `${m.since} ${formatClock(a.activeSince)}`];
  if (a.firingSince !== null) parts.push(`${m.firingSince} ${formatClock(a.firingSince)}`);
  if (a.acknowledgedAt !== null) parts.push(`${m.acknowledgedAt} ${formatClock(a.acknowledgedAt)}${a.acknowledgedBy ? ` (${a.acknowledgedBy})` : ''}`);
  if (a.resolvedAt !== null) parts.push(`${m.resolvedAt} ${formatClock(a.resolvedAt)}`);
  return parts.join(' · ');
}

function item(a: AlertView, onAcknowledged: (a: AlertView) => void): HTMLElement {
  const m = t().live;
  const zh = lang() === 'zh';
  const head = el('div', { class: 'alert-head' },
    el('span', { class: `badge badge-${a.status}` }, t().alertStatuses[a.status]),
    el('strong', {}, ruleLabel(a)),
    el('span', { class: 'muted' }, scopeName(a.scope)));
  const node = el('li', { class: `alert alert-${a.status}`, 'data-alert': a.id, 'data-status': a.status }, head);
  if (a.status === 'firing') {
    const button = el('button', { type: 'button', class: 'ack' }, m.acknowledge);
    button.addEventListener('click', () => {
      button.disabled = true;
      button.textContent = m.acknowledging;
      postJson<AlertView>(`/v1/alerts/${encodeURIComponent(a.id)}/acknowledge`, {}).then(onAcknowledged, (err: unknown) => {
        button.disabled = false;
        button.textContent = m.acknowledge;
        node.append(errorBox(err));
      });
    });
    head.append(button);
  }
  const d = a.diagnosis;
  if (d && d.kind !== 'normal') {
    node.append(el('p', { class: 'diagnosis' }, el('span', { class: `kind kind-${d.kind}` }, t().diagnosisKinds[d.kind]), zh ? d.summary.zh : d.summary.en));
  }
  node.append(el('p', { class: 'muted facts' }, facts(a)));
  if (d && d.actions.length > 0 && a.status !== 'resolved') {
    node.append(el('p', { class: 'actions-title' }, m.actions), el('ul', { class: 'actions' }, ...d.actions.map((x) => el('li', {}, zh ? x.zh : x.en))));
  }
  return node;
}

/** Draws the alerts panel into `body`: each alert with its status, diagnosis, suggested actions and an Acknowledge button while firing. */
export function drawAlerts(body: HTMLElement, list: AlertList, onAcknowledged: (a: AlertView) => void): void {
  const alerts = list.sorted();
  body.setAttribute('data-alerts', String(alerts.length));
  if (alerts.length === 0) { body.replaceChildren(el('p', { class: 'empty' }, t().live.noAlerts)); return; }
  body.replaceChildren(el('ul', { class: 'alerts' }, ...alerts.map((a) => item(a, onAcknowledged))));
}
