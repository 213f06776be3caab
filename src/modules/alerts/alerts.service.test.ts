import { describe, expect, it } from 'vitest';
import { seededRng } from '../../shared/random.js';
import { fixedClock } from '../../shared/time.js';
import { openSqlite } from '../../storage/sqlite-db.js';
import { AlertsService, type AlertChange } from './alerts.service.js';
import { detectorConfig, type FunnelBucket } from './domain/detector.js';
import { LIVE_PROFILE, syntheticSeries, withStepFactor, type FunnelProfile } from './domain/synthetic-series.js';
import { SqlAlertsStore } from './store/alerts.sql.js';

const M = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 4, 20, 12, 0);
const scope = { tenant: 't1', creatorId: 'c1', liveId: 'l9', streamStartedAt: T0 };
const history = [1, 2, 3, 4].flatMap((d) => syntheticSeries(seededRng(300 + d), T0 - d * DAY, 40, () => LIVE_PROFILE, T0 - d * DAY));

async function service(store?: SqlAlertsStore) {
  const s = store ?? new SqlAlertsStore(openSqlite(':memory:'));
  await s.init();
  const clock = fixedClock(T0);
  const alerts = new AlertsService(s, clock, detectorConfig());
  await alerts.warm();
  const changes: AlertChange[] = [];
  alerts.onChange((c) => changes.push(c));
  /** Evaluates complete minutes `from`…`to − 1` of a session whose profile is `at(minute)`. */
  const run = async (series: readonly FunnelBucket[], from: number, to: number) => {
    for (let m = from; m < to; m++) {
      const current = series[m] as FunnelBucket;
      clock.set(current.start + M);
      await alerts.evaluate({ tenant: 't1', scope: 'live:l9', detectorScope: scope, history, current, now: current.start + M });
    }
  };
  return { store: s, alerts, changes, clock, run };
}

const session = (seed: number, at: (m: number) => FunnelProfile) => syntheticSeries(seededRng(seed), T0, 40, at, T0);

describe('AlertsService', () => {
  it('one throttled room is one alert: count.impression opens it, the other counts join it, it resolves after keep_firing_for', async () => {
    const { alerts, changes, run } = await service();
    await run(session(11, (m) => (m >= 10 && m < 20 ? { ...LIVE_PROFILE, impressions: LIVE_PROFILE.impressions * 0.4 } : LIVE_PROFILE)), 0, 30);
    expect(changes.map((c) => c.kind)).toEqual(['alert.firing', 'alert.resolved']);
    const [fired, resolved] = changes as [AlertChange, AlertChange];
    expect(fired.alert.ruleId).toBe('count.impression');
    expect(fired.alert.diagnosis?.kind).toBe('traffic_drop');
    expect(fired.alert.firingSince).toBe(T0 + 13 * M); // breached from minute 10's end, for = 2 min
    expect(resolved.alert.id).toBe(fired.alert.id);
    expect(resolved.alert.resolvedAt).toBe(T0 + 23 * M); // clear from minute 20's end, keep_firing_for = 2 min
    const [listed] = await alerts.list('t1', 'all');
    expect(listed?.status).toBe('resolved');
    expect(listed?.related).toEqual(expect.arrayContaining(['count.play', 'count.pay']));
    expect(listed?.related).not.toContain('count.impression');
    expect(await alerts.list('t1', 'active')).toEqual([]);
  });

  it('checkout broken: rate.order.pay with the checkout_failure diagnosis; acknowledged, it survives a restart and resolves once', async () => {
    const { store, alerts, changes, run } = await service();
    const series = session(12, (m) => (m >= 10 && m < 20 ? withStepFactor(LIVE_PROFILE, 'order', 'pay', 0.1) : LIVE_PROFILE));
    await run(series, 0, 15);
    const fired = changes[0] as AlertChange;
    expect(fired.alert).toMatchObject({ ruleId: 'rate.order.pay', status: 'firing', metric: { kind: 'rate', from: 'order', to: 'pay' } });
    expect(fired.alert.diagnosis).toMatchObject({ kind: 'checkout_failure', step: { from: 'order', to: 'pay' } });
    const acked = await alerts.acknowledge('t1', fired.alert.id, 'ops-1');
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ops-1' });
    expect((await alerts.acknowledge('t1', fired.alert.id)).acknowledgedAt).toBe(acked.acknowledgedAt); // idempotent
    expect(changes.map((c) => c.kind)).toEqual(['alert.firing', 'alert.acknowledged']);

    const restarted = await service(store); // same store: states come back from the open records
    await restarted.run(series, 15, 30);
    expect(restarted.changes.map((c) => `${c.kind}:${c.alert.id}`)).toEqual([`alert.resolved:${fired.alert.id}`]);
    await expect(restarted.alerts.acknowledge('t1', fired.alert.id)).rejects.toMatchObject({ code: 'alerts_not_active' });
    await expect(restarted.alerts.acknowledge('t1', 'alr_nope')).rejects.toMatchObject({ code: 'alerts_not_found' });
    await expect(restarted.alerts.acknowledge('t2', fired.alert.id)).rejects.toMatchObject({ code: 'alerts_not_found' });
  });

  it('a live session that ended resolves its open alerts and forgets its pending ones', async () => {
    const { alerts, changes, run } = await service();
    await run(session(14, (m) => (m >= 10 ? withStepFactor(LIVE_PROFILE, 'order', 'pay', 0.1) : LIVE_PROFILE)), 0, 16);
    expect(alerts.openScopes('t1')).toEqual(['live:l9']);
    const ended = await alerts.endScope('t1', 'live:l9', T0 + 30 * M);
    expect(ended.map((c) => [c.kind, c.alert.status, c.alert.resolvedAt])).toEqual([['alert.resolved', 'resolved', T0 + 30 * M]]);
    expect(changes.at(-1)).toEqual(ended[0]);
    expect(alerts.openScopes('t1')).toEqual([]);
    expect(await alerts.list('t1', 'active')).toEqual([]);
    expect(await alerts.endScope('t1', 'live:l9', T0 + 31 * M)).toEqual([]);
  });

  it('steady traffic raises nothing', async () => {
    const { changes, run } = await service();
    await run(session(13, () => LIVE_PROFILE), 0, 40);
    expect(changes).toEqual([]);
  });
});
