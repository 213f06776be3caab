import type { FunnelNode, FunnelStep, RuleEvaluation } from './rules.js';

/**
 * What broke, from one bucket's rule evaluations. `traffic_drop`: impressions fell significantly (or plays
 * did while the impression → play rate held) and no conversion rate breached. `conversion_drop`: traffic
 * steady, a rate (or a downstream count) fell; names the step whose rate fell most relative to its
 * baseline. Two kinds refine conversion_drop and carry the same step: `stock_out` — the step ends at
 * add_to_cart, order or pay and inventory shows the scope's products sold out (it wins, since a sold-out
 * item also fails orders and pays); `checkout_failure` — the step is order → pay while the order count
 * held. `mixed`: traffic fell and a rate breached too. `normal`: no drop breached.
 */

export type DiagnosisKind = 'normal' | 'traffic_drop' | 'conversion_drop' | 'stock_out' | 'checkout_failure' | 'mixed';

/** The kinds that are conversion drops (refinements included). */
export const CONVERSION_KINDS: readonly DiagnosisKind[] = ['conversion_drop', 'stock_out', 'checkout_failure'];

/** A step's rate against its baseline; relativeDrop 0.8 means the rate is 80 % below baseline. */
export interface StepDrop extends FunnelStep {
  readonly observedRate: number;
  readonly baselineRate: number;
  readonly relativeDrop: number;
  /** Whether the step's own rule breached (false when only downstream counts did). */
  readonly significant: boolean;
}

/** Stock evidence from inventory events, when the scope has any. */
export interface InventorySignal {
  /** Set when the caller has already decided the scope's products are out of stock. */
  readonly soldOut?: boolean;
  /** Products whose stock is zero. */
  readonly soldOutProductIds?: readonly string[];
  /** Products on sale in the scope (the live room's cart); without it any sold-out product counts. */
  readonly productIds?: readonly string[];
}

export interface Bilingual { readonly zh: string; readonly en: string }

/** The classification of one bucket, with a bilingual summary and suggested actions. */
export interface Diagnosis {
  readonly kind: DiagnosisKind;
  readonly trafficDrop: boolean;
  /** The step whose rate fell most; null for normal and pure traffic drops. */
  readonly step: StepDrop | null;
  readonly summary: Bilingual;
  readonly actions: readonly Bilingual[];
}

const TRAFFIC_ACTIONS: readonly Bilingual[] = [
  { zh: '检查平台是否限流或判定违规（查看违规通知、直播间审核状态）', en: 'Check whether the platform throttled or penalised the stream (violation notices, review status)' },
  { zh: '加大投流或提高出价（千川 / 磁力金牛 / 加热）', en: 'Raise paid promotion or bids (Qianchuan, Magnetic Engine, boosts)' },
  { zh: '检查标题、封面与话术是否触发审核，调整后重新引流', en: 'Check titles, covers and scripts for flagged content, then redirect traffic' },
];

const STEP_ACTIONS: Readonly<Partial<Record<FunnelNode, readonly Bilingual[]>>> = {
  play: [{ zh: '优化封面、标题与开场三秒', en: 'Improve the cover, title and first three seconds' }],
  complete: [{ zh: '检查内容节奏与画面、声音是否异常', en: 'Check pacing and whether video or audio is broken' }],
  product_click: [{ zh: '置顶商品、弹出商品卡并口播引导点击小黄车', en: 'Pin the product, pop the product card and call viewers to the cart' }],
  detail_view: [{ zh: '检查商品链接与详情页是否能打开', en: 'Check the product link and that the detail page loads' }],
  add_to_cart: [{ zh: '检查价格、优惠券与赠品设置是否有误', en: 'Check price, coupons and gifts for errors' }],
  order: [{ zh: '检查库存、规格（SKU）、运费与配送区域限制', en: 'Check stock, SKUs, shipping fees and delivery-area limits' }],
  pay: [{ zh: '检查支付与收银台是否可用', en: 'Check payment and checkout availability' }],
};

const STOCK_ACTIONS: readonly Bilingual[] = [
  { zh: '立即补货或追加库存', en: 'Restock or add inventory now' },
  { zh: '切换讲解商品并上架替代款，口播说明', en: 'Switch to another product, list an alternative and tell viewers' },
];

const CHECKOUT_ACTIONS: readonly Bilingual[] = [
  { zh: '检查支付渠道与收银台（下单后无法支付）', en: 'Check payment channels and checkout (orders are placed but not paid)' },
  { zh: '联系平台客服确认支付故障，并引导买家稍后在订单中支付', en: 'Ask platform support about payment incidents; tell buyers to pay from their orders later' },
];

const stepName = (s: FunnelStep): string => `${s.from} → ${s.to}`;

function summaryOf(kind: DiagnosisKind, step: StepDrop | null): Bilingual {
  const at = step ? stepName(step) : '';
  const pct = step ? Math.round(step.relativeDrop * 100) : 0;
  switch (kind) {
    case 'normal': return { zh: '各项指标正常', en: 'All metrics within baseline' };
    case 'traffic_drop': return { zh: '流量下跌：曝光/播放明显减少，转化率正常', en: 'Traffic drop: impressions/plays fell, conversion rates held' };
    case 'conversion_drop': return { zh: `转化下跌：${at} 转化率较基线下降 ${pct}%`, en: `Conversion drop: ${at} rate ${pct}% below baseline` };
    case 'stock_out': return { zh: `商品售罄：${at} 转化率下降 ${pct}%，库存为零`, en: `Stock-out: ${at} rate down ${pct}% and stock is zero` };
    case 'checkout_failure': return { zh: `支付故障：下单正常但支付率下降 ${pct}%`, en: `Checkout failure: orders steady, pay rate down ${pct}%` };
    case 'mixed': return { zh: `流量与转化同时下跌（${at}）`, en: `Traffic and conversion both fell (${at})` };
  }
}

const hasStockEvidence = (inv: InventorySignal | undefined): boolean => {
  if (!inv) return false;
  if (inv.soldOut) return true;
  const out = inv.soldOutProductIds ?? [];
  if (!inv.productIds) return out.length > 0;
  const set = new Set(out);
  return inv.productIds.some((p) => set.has(p));
};

const dropped = (e: RuleEvaluation | undefined): boolean => e?.breach === 'drop';

/** The step whose rate fell most relative to baseline, preferring steps whose own rule breached. */
function worstStep(evaluations: readonly RuleEvaluation[]): StepDrop | null {
  const steps: StepDrop[] = [];
  for (const e of evaluations) {
    if (e.metric.kind !== 'rate' || e.observed === null || e.expected === null || e.expected <= 0) continue;
    steps.push({ from: e.metric.from, to: e.metric.to, observedRate: e.observed, baselineRate: e.expected, relativeDrop: 1 - e.observed / e.expected, significant: dropped(e) });
  }
  const pool = steps.some((s) => s.significant) ? steps.filter((s) => s.significant) : steps.filter((s) => s.relativeDrop > 0);
  return pool.reduce<StepDrop | null>((best, s) => (best === null || s.relativeDrop > best.relativeDrop ? s : best), null);
}

/** Classifies the bucket (see the module comment) and suggests actions in Simplified Chinese and English. */
export function diagnose(evaluations: readonly RuleEvaluation[], inventory?: InventorySignal): Diagnosis {
  const byId = new Map(evaluations.map((e) => [e.ruleId, e]));
  const trafficDrop = dropped(byId.get('count.impression')) || (dropped(byId.get('count.play')) && !dropped(byId.get('rate.impression.play')));
  const rateDrop = evaluations.some((e) => e.metric.kind === 'rate' && dropped(e));
  const downstreamDrop = evaluations.some((e) => e.metric.kind === 'count' && e.metric.node !== 'impression' && e.metric.node !== 'play' && dropped(e));

  let kind: DiagnosisKind = 'normal';
  let step: StepDrop | null = null;
  if (trafficDrop && rateDrop) { kind = 'mixed'; step = worstStep(evaluations); }
  else if (trafficDrop) kind = 'traffic_drop';
  else if (rateDrop || downstreamDrop) {
    step = worstStep(evaluations);
    kind = 'conversion_drop';
    if (step && ['add_to_cart', 'order', 'pay'].includes(step.to) && hasStockEvidence(inventory)) kind = 'stock_out';
    else if (step && step.from === 'order' && step.to === 'pay' && !dropped(byId.get('count.order'))) kind = 'checkout_failure';
  }

  const stepActions = step ? STEP_ACTIONS[step.to] ?? [] : [];
  const actions = kind === 'traffic_drop' ? TRAFFIC_ACTIONS
    : kind === 'stock_out' ? STOCK_ACTIONS
      : kind === 'checkout_failure' ? CHECKOUT_ACTIONS
        : kind === 'mixed' ? [...TRAFFIC_ACTIONS, ...stepActions]
          : stepActions;
  return { kind, trafficDrop, step, summary: summaryOf(kind, step), actions };
}
