import type { Clock } from '../shared/time.js';
import type { AppendInput, TraceService } from '../modules/trace/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What the demo logged: the batch code (its page is `/trace/<code>`) and how many entries it holds. */
export interface DemoTrace {
  readonly code: string;
  readonly entries: number;
  readonly logSize: number;
}

/**
 * The demo's provenance log: one batch of the live sale's tea — its origin, the inspection report, the
 * geographical-indication certificate and its journey to the warehouses — appended to the shop's signed
 * log, so the buyer page `/trace/<code>` has something to verify.
 */
export async function seedDemoTrace(app: { readonly trace: TraceService; readonly clock: Clock }, tenant: string): Promise<DemoTrace> {
  const now = app.clock.now();
  const batch = await app.trace.createBatch(tenant, { name: '明前龙井 2026 春茶 · 第 3 批 / Pre-Qingming Longjing 2026, batch 3', productId: 'p_tea' });
  const at = (daysAgo: number, hours = 0): number => now - daysAgo * DAY + hours * HOUR;
  const entries: AppendInput[] = [
    { code: batch.code, kind: 'origin', at: at(40), body: { place: '浙江省杭州市西湖区龙井村 / Longjing Village, Xihu, Hangzhou', producer: '龙井村茶叶专业合作社 / Longjing Village Tea Cooperative', harvest: '2026-03-28 — 2026-04-03', variety: '龙井 43 号' } },
    { code: batch.code, kind: 'inspection', at: at(30), body: { lab: '浙江省茶叶产品质量检测中心 / Zhejiang Tea Quality Testing Centre', reportNo: 'ZJTQ-2026-04127', result: 'pass', items: '农药残留 62 项、重金属 5 项 / 62 pesticide residues, 5 heavy metals' } },
    { code: batch.code, kind: 'certification', at: at(29), body: { name: '地理标志保护产品 · 西湖龙井 / Protected geographical indication: West Lake Longjing', issuer: '国家知识产权局 / CNIPA', number: 'GI-XHLJ-2026-0316' } },
    { code: batch.code, kind: 'logistics', at: at(20), body: { event: '出库 / dispatched', location: '龙井村合作社仓库 / cooperative store' } },
    { code: batch.code, kind: 'logistics', at: at(19, 6), body: { event: '入库 / received', location: '杭州仓 / Hangzhou warehouse', carrier: 'SF' } },
    { code: batch.code, kind: 'logistics', at: at(17), body: { event: '调拨入库 / received on transfer', location: '北京仓 / Beijing warehouse', carrier: 'SF' } },
  ];
  const outcomes = await app.trace.append(tenant, entries);
  const refused = outcomes.filter((o) => !o.ok);
  if (refused.length > 0) throw new Error(`demo trace entries refused: ${JSON.stringify(refused)}`);
  const checkpoint = await app.trace.latestCheckpoint(tenant);
  return { code: batch.code, entries: entries.length, logSize: checkpoint.size };
}
