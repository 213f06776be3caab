import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

/**
 * The commerce designs: a feed that cannot be randomised per viewer is randomised by creator (cluster)
 * or by time slot of a live room (switchback); each is analysed with clusters as units (delta method).
 */
const T0 = Date.UTC(2026, 10, 16, 10, 0, 0);
const MIN = 60_000;
const clock = fixedClock(T0);
let t: TestApp;

beforeAll(async () => { t = await startTestApp({ clock }); });
afterAll(async () => { await t.close(); });

const metrics = [{ key: 'paid', kind: 'conversion' as const, event: 'pay' }];
const arms = [{ key: 'control', name: 'A', weight: 0.5 }, { key: 'new_script', name: 'B', weight: 0.5 }];

describe('cluster and switchback designs', () => {
  it('randomises whole creators, counts clusters as units and widens the interval for the clustering', async () => {
    const e = await t.app.experiments.create('t1', { key: 'script_by_creator', variations: arms, metrics, design: { kind: 'cluster', by: 'creatorId' }, analysis: { cuped: false } });
    await t.app.experiments.start('t1', e.id);
    const events: unknown[] = [];
    const armOf = new Map<string, number>();
    // 40 creators × 25 viewers; each creator's audience converts at its own rate (a strong cluster effect).
    for (let c = 0; c < 40; c++) {
      const creatorId = `cr${c}`;
      for (let v = 0; v < 25; v++) {
        const key = `anon:c${c}v${v}`;
        const a = await t.app.experiments.assign({ tenant: 't1', key, personId: key, attributes: { id: key, creatorId } });
        const x = a.experiments[0];
        expect(x?.cluster).toBe(creatorId);
        if (armOf.has(creatorId)) expect(x?.variationIndex).toBe(armOf.get(creatorId));
        armOf.set(creatorId, x?.variationIndex ?? -1);
        if (v < (c % 5) * 4) events.push({ eventId: `p-${c}-${v}`, anonymousId: `c${c}v${v}`, name: 'pay', orderId: `o-${c}-${v}`, amount: 100, currency: 'CNY', platform: 'douyin', ts: T0 + MIN });
      }
    }
    clock.set(T0 + 30 * MIN);
    expect((await t.ingest(events)).json().rejected).toEqual([]);
    await t.app.events.flush();
    const r = await t.app.experimentReports.report('t1', e.id);
    const treated = [...armOf.values()].filter((v) => v === 1).length;
    expect(r.srm.counts).toEqual([40 - treated, treated]);
    const cmp = r.metrics[0]?.comparisons[0];
    expect(cmp?.units).toBe(treated);
    // The arm's mean is Σ conversions / Σ viewers over its creators.
    const conv = (arm: number) => [...armOf].filter(([, v]) => v === arm).reduce((s, [c]) => s + (Number(c.slice(2)) % 5) * 4, 0);
    expect(cmp?.mean).toBeCloseTo(conv(1) / (treated * 25), 9);
    // A per-viewer binomial interval would ignore that viewers of one creator convert together: the
    // cluster interval must be wider.
    const p1 = conv(1) / (treated * 25);
    const p0 = conv(0) / ((40 - treated) * 25);
    const naiveHalf = 1.96 * Math.sqrt(p1 * (1 - p1) / (treated * 25) + p0 * (1 - p0) / ((40 - treated) * 25)) / p0;
    const half = ((cmp?.ci[1] ?? 0) - (cmp?.ci[0] ?? 0)) / 2;
    expect(half).toBeGreaterThan(naiveHalf * 1.5);
  });

  it('switches a live room between arms by time slot, skips burn-in exposures and ends each observation with its slot', async () => {
    const e = await t.app.experiments.create('t1', { key: 'room_layout', variations: arms, metrics, design: { kind: 'switchback', slotMinutes: 10, burnInMinutes: 2 }, analysis: { cuped: false } });
    await t.app.experiments.start('t1', e.id);
    const start = Math.ceil(T0 / (10 * MIN)) * 10 * MIN + 60 * MIN;
    const events: unknown[] = [];
    const slotArm = new Map<number, number>();
    let burnIn = 0;
    for (let slot = 0; slot < 24; slot++) {
      for (let v = 0; v < 10; v++) {
        const at = start + slot * 10 * MIN + v * MIN;
        clock.set(at);
        const key = `anon:s${slot}v${v}`;
        const a = (await t.app.experiments.assign({ tenant: 't1', key, personId: key, attributes: { id: key, liveId: 'live_9' } })).experiments[0];
        if (slotArm.has(slot)) expect(a?.variationIndex).toBe(slotArm.get(slot));
        slotArm.set(slot, a?.variationIndex ?? -1);
        if (v < 2) burnIn++;
        // Viewers buy 30 s after entering; the ones entering in the last minute buy after the slot ended.
        if (v % 3 === 0) events.push({ eventId: `sp-${slot}-${v}`, anonymousId: `s${slot}v${v}`, name: 'pay', orderId: `so-${slot}-${v}`, amount: 100, currency: 'CNY', platform: 'douyin', ts: at + (v === 9 ? 90_000 : 30_000) });
      }
    }
    clock.set(start + 25 * 10 * MIN);
    expect((await t.ingest(events)).json().rejected).toEqual([]);
    await t.app.events.flush();
    const r = await t.app.experimentReports.report('t1', e.id);
    expect(r.exclusions.burnIn).toBe(burnIn);
    const treated = [...slotArm.values()].filter((v) => v === 1).length;
    expect(treated).toBeGreaterThan(3);
    expect(r.srm.counts).toEqual([24 - treated, treated]);
    // Counted purchases per slot: viewers 3 and 6 (0 is in the burn-in, 9 buys after the slot ends) of 8.
    expect(r.metrics[0]?.control.mean).toBeCloseTo(2 / 8, 9);
    expect(r.metrics[0]?.comparisons[0]?.mean).toBeCloseTo(2 / 8, 9);
  });

  it('takes exposures that clients report as events, once per person', async () => {
    const e = await t.app.experiments.create('t1', { key: 'client_side', variations: arms, metrics, analysis: { cuped: false } });
    await t.app.experiments.start('t1', e.id);
    const now = clock.now();
    const exposure = (id: string, anon: string, variantId: string) => ({ eventId: id, anonymousId: anon, name: 'exposure', experimentId: 'client_side', variantId, platform: 'web', ts: now - 1000 });
    const res = await t.ingest([exposure('x1', 'w1', 'control'), exposure('x2', 'w1', 'control'), exposure('x3', 'w2', 'new_script'), exposure('x4', 'w3', 'nope'), { ...exposure('x5', 'w4', 'control'), variantId: undefined }]);
    expect(res.json().rejected).toEqual([{ index: 4, code: 'events_missing_field', reason: expect.stringContaining('variantId') }]);
    const r = await t.app.experimentReports.report('t1', e.id);
    expect(r.srm.counts).toEqual([1, 1]);
  });
});
