import type { App } from '../app/app.js';
import { DEMO_LIVE_PLAN, replayLiveSession, seedLiveHistory, type LiveFault, type LivePlan } from '../flows/live-replay.flow.js';
import type { AlertChange } from '../modules/alerts/index.js';
import { floorMinute, MINUTE_MS } from '../modules/monitor/index.js';
import type { AcceleratedClock } from '../shared/time.js';
import { msg } from './messages.js';

type Lang = 'zh' | 'en';

/** What the live demo saw: each alert change with the replay minute it happened at. */
export interface LiveDemoResult {
  readonly events: number;
  readonly alerts: readonly { readonly kind: string; readonly ruleId: string; readonly diagnosis: string | null; readonly minute: number }[];
}

const FAULT_NAMES: Record<LiveFault['kind'], { zh: string; en: string }> = {
  traffic_throttled: { zh: '流量被限流', en: 'traffic throttled' },
  checkout_broken: { zh: '支付故障', en: 'checkout broken' },
};

/** Stream time as mm:ss. */
const mmss = (ms: number): string => `${String(Math.floor(ms / MINUTE_MS)).padStart(2, '0')}:${String(Math.floor((ms % MINUTE_MS) / 1000)).padStart(2, '0')}`;

const faultList = (lang: Lang, plan: LivePlan): string =>
  plan.faults.map((f) => msg(lang, 'live_fault', { name: FAULT_NAMES[f.kind][lang], from: mmss(f.from * MINUTE_MS), to: mmss(f.to * MINUTE_MS) })).join(lang === 'zh' ? '；' : '; ');

/**
 * `reelpath demo`'s live part: writes a creator's earlier sessions as the baseline, then replays a live
 * session with the plan's faults on the accelerated clock while `serve` evaluates the alert rules, and
 * prints each alert as it fires with its diagnosis and when, in the stream's minutes, it came.
 */
export async function runLiveDemo(app: App, tenantId: string, clock: AcceleratedClock, speed: number, out: (line: string) => void, plan: LivePlan = DEMO_LIVE_PLAN): Promise<LiveDemoResult> {
  const lang = app.config.lang;
  const tenant = await app.tenants.getTenant(tenantId);
  const startAt = floorMinute(clock.accelerate()) + MINUTE_MS;
  await seedLiveHistory(app.monitor, tenantId, plan, startAt);
  const realMinutes = ((plan.minutes + 1) / speed).toFixed(1);
  out(msg(lang, 'live_start', { minutes: plan.minutes, speed, real: realMinutes, faults: faultList(lang, plan), sessions: plan.earlierSessions }));
  const alerts: { kind: string; ruleId: string; diagnosis: string | null; minute: number }[] = [];
  const stop = app.alerts.onChange((c: AlertChange) => {
    if (c.tenant !== tenantId) return;
    const at = clock.now() - startAt;
    alerts.push({ kind: c.kind, ruleId: c.alert.ruleId, diagnosis: c.alert.diagnosis?.kind ?? null, minute: at / MINUTE_MS });
    const summary = c.alert.diagnosis ? c.alert.diagnosis.summary[lang] : c.alert.ruleId;
    const fault = [...plan.faults].reverse().find((f) => f.from * MINUTE_MS <= at);
    const after = fault ? mmss(at - fault.from * MINUTE_MS) : '—';
    out(msg(lang, c.kind === 'alert.firing' ? 'live_alert_firing' : c.kind === 'alert.resolved' ? 'live_alert_resolved' : 'live_alert_acknowledged', { at: mmss(at), summary, rule: c.alert.ruleId, after }));
    if (c.kind === 'alert.firing') for (const a of c.alert.diagnosis?.actions.slice(0, 2) ?? []) out(`      → ${a[lang]}`);
  });
  try {
    const events = await replayLiveSession(app, tenant, plan, startAt, (p) => {
      const faults = p.faults.map((f) => FAULT_NAMES[f.kind][lang]).join(', ');
      out(msg(lang, 'live_minute', { at: mmss((p.minute + 1) * MINUTE_MS), total: mmss(plan.minutes * MINUTE_MS), events: p.events.toLocaleString('en-US'), fault: faults || '—' }));
    });
    const fired = alerts.filter((a) => a.kind === 'alert.firing').length;
    out(msg(lang, 'live_done', { fired, events: events.toLocaleString('en-US') }));
    return { events, alerts };
  } finally {
    stop();
  }
}
