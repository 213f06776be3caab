import { assignExperiment, type Experiment, type ExperimentsService } from '../modules/experiments/index.js';
import type { Tenant } from '../modules/tenants/index.js';
import { seededRng } from '../shared/random.js';
import { ingestBatch, type IngestDeps } from './ingest-events.flow.js';

const HOUR = 3_600_000;

/** The demo's running A/B test: close-up product covers against on-camera covers. */
const DEMO_EXPERIMENT = {
  key: 'cover_closeup', name: '封面：商品特写 vs 真人出镜 / Cover: product close-up vs on-camera',
  hypothesis: '商品特写封面让更多观众点进商品并下单 / A product close-up cover sends more viewers to the product and to payment',
  variations: [
    { key: 'on_camera', name: '真人出镜 / On camera', weight: 0.5, value: { cover: 'on_camera' } },
    { key: 'closeup', name: '商品特写 / Close-up', weight: 0.5, value: { cover: 'closeup' } },
  ],
  metrics: [
    { key: 'paid', kind: 'conversion' as const, event: 'pay' }, { key: 'clicked', kind: 'conversion' as const, event: 'product_click' },
    { key: 'net_gmv', kind: 'gmv' as const }, { key: 'orders', kind: 'orders' as const },
  ],
  analysis: { cuped: false },
};

/**
 * Seeds the demo shop with a running experiment: `visitors` anonymous viewers over the last two days,
 * assigned as the browser snippet does (GrowthBook hashing of their id) and reported as `exposure`
 * events, then their impressions, product clicks, payments and refunds — the close-up arm converting
 * better (11 % vs 8 % pay) with a few more refunds. Deterministic for a seed.
 */
export async function seedDemoExperiment(deps: IngestDeps & { readonly experiments: ExperimentsService }, tenant: Tenant, now: number, seed: number, visitors = 3000): Promise<Experiment> {
  const created = await deps.experiments.create(tenant.id, DEMO_EXPERIMENT);
  const experiment = await deps.experiments.start(tenant.id, created.id);
  const rng = seededRng(seed ^ 0x5eed);
  const events: Record<string, unknown>[] = [];
  const start = now - 48 * HOUR;
  for (let i = 0; i < visitors; i++) {
    const anonymousId = `demo-xp-${i}`;
    const ts = start + Math.floor((i / visitors) * 40 * HOUR);
    const arm = assignExperiment(experiment, { id: `anon:${anonymousId}` }, ts);
    if (!arm.inExperiment || arm.variation === null) continue;
    const closeup = arm.variation === 'closeup';
    const base = { anonymousId, platform: i % 3 === 0 ? 'kuaishou' : 'douyin', videoId: 'v-demo-cover' };
    events.push({ ...base, eventId: `xp-${i}`, name: 'exposure', experimentId: experiment.key, variantId: arm.variation, ts });
    events.push({ ...base, eventId: `xp-imp-${i}`, name: 'impression', ts: ts + 1_000 });
    if (rng.next() < (closeup ? 0.34 : 0.28)) events.push({ ...base, eventId: `xp-clk-${i}`, name: 'product_click', productId: 'p-demo-cover', ts: ts + 20_000 });
    if (rng.next() >= (closeup ? 0.11 : 0.08)) continue;
    const amount = 5_900 + Math.floor(rng.next() * 8) * 1_000;
    events.push({ ...base, eventId: `xp-pay-${i}`, name: 'pay', orderId: `xp-o-${i}`, productId: 'p-demo-cover', amount, currency: 'CNY', ts: ts + 15 * 60_000 });
    if (rng.next() < (closeup ? 0.08 : 0.06)) events.push({ ...base, eventId: `xp-ref-${i}`, name: 'refund', orderId: `xp-o-${i}`, amount, currency: 'CNY', ts: ts + 30 * HOUR });
  }
  for (let k = 0; k < events.length; k += 5_000) await ingestBatch(deps, tenant, events.slice(k, k + 5_000));
  await deps.experiments.flush();
  return experiment;
}
