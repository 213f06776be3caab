import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

let t: TestApp;
const base = Date.UTC(2026, 10, 3, 8, 0, 0);
const ev = (id: string, who: string, name: string, minute: number, over: Record<string, unknown> = {}) =>
  ({ eventId: id, anonymousId: who, name, platform: 'douyin', ts: base + minute * 60_000, videoId: 'v1', productId: 'p1', ...over });

beforeAll(async () => {
  t = await startTestApp({ env: { REELPATH_KPI_TARGETS: 'ctr=0.5' } });
  await t.ingest([
    ev('i1', 'A', 'impression', 0), ev('i2', 'B', 'impression', 0), ev('i3', 'C', 'impression', 0), ev('i4', 'D', 'impression', 0),
    ev('p1', 'A', 'play', 1), ev('p2', 'B', 'play', 1),
    ev('k1', 'A', 'product_click', 2), ev('y1', 'A', 'pay', 12, { orderId: 'o1', amount: 8000, currency: 'CNY' }),
  ]);
});
afterAll(async () => { await t.close(); });

describe('GET /v1/kpi/radar', () => {
  it('answers every indicator against the configured targets', async () => {
    const r = (await t.get('/v1/kpi/radar')).json();
    const byKey = Object.fromEntries(r.indicators.map((i: { key: string }) => [i.key, i]));
    expect(r.indicators).toHaveLength(8);
    expect(byKey.ctr).toMatchObject({ value: 0.5, target: 0.5, score: 1, status: 'good', zh: '点击率（播放/曝光）' });
    expect(byKey.playToClick).toMatchObject({ value: 0.5 });
    expect(byKey.clickToPay).toMatchObject({ value: 1 });
    expect(byKey.decisionMinutes).toMatchObject({ value: 10 });
    expect(byKey.gpm).toMatchObject({ value: 80 * 1000 / 4 });
    expect(byKey.fulfilmentHours).toMatchObject({ value: null, status: 'no_data' });
  });

  it('takes targets for one answer and refuses bad ones with kpi_invalid_target', async () => {
    const r = (await t.get('/v1/kpi/radar?targets=ctr%3D1')).json();
    expect(r.indicators[0]).toMatchObject({ key: 'ctr', target: 1, score: 0.5, status: 'poor' });
    const bad = await t.get('/v1/kpi/radar?targets=ctr%3Dlots');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('kpi_invalid_target');
  });
});
