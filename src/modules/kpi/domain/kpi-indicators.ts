import { median } from '../../../shared/stats.js';

/**
 * The KPI health radar (issue 3): the indicators short-video merchants track, each computed from the
 * event stream over persons (identity-resolved), compared with a target. Definitions:
 *
 * - `ctr` click-through: plays ÷ impressions (event counts);
 * - `playToClick`: persons with a product_click ÷ persons with a play;
 * - `clickToPay`: persons with a pay ÷ persons with a product_click;
 * - `repurchaseRate`: buyers with two or more distinct orders ÷ buyers;
 * - `decisionMinutes`: median over paid orders of the time from the person's latest product_click before
 *   the pay to the pay (pays with no click before them are left out);
 * - `refundRate`: refunded fen ÷ paid fen;
 * - `fulfilmentHours`: median over orders of the time from pay to the first ship event of the order;
 * - `gpm` GMV per thousand impressions: (paid − refunded) yuan × 1000 ÷ impressions.
 */

export const KPI_KEYS = ['ctr', 'playToClick', 'clickToPay', 'repurchaseRate', 'decisionMinutes', 'refundRate', 'fulfilmentHours', 'gpm'] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** Whether a larger value is healthier. */
export const KPI_DIRECTION: Readonly<Record<KpiKey, 'higher' | 'lower'>> = {
  ctr: 'higher', playToClick: 'higher', clickToPay: 'higher', repurchaseRate: 'higher',
  decisionMinutes: 'lower', refundRate: 'lower', fulfilmentHours: 'lower', gpm: 'higher',
};

/** Default targets: a healthy short-video shop by the figures merchants quote; override per install or request. */
export const DEFAULT_KPI_TARGETS: Readonly<Record<KpiKey, number>> = {
  ctr: 0.1, playToClick: 0.05, clickToPay: 0.1, repurchaseRate: 0.25,
  decisionMinutes: 30, refundRate: 0.05, fulfilmentHours: 24, gpm: 300,
};

export const KPI_LABELS: Readonly<Record<KpiKey, { zh: string; en: string; unit: string }>> = {
  ctr: { zh: '点击率（播放/曝光）', en: 'Click-through (plays / impressions)', unit: 'ratio' },
  playToClick: { zh: '播放→商品点击', en: 'Play → product click', unit: 'ratio' },
  clickToPay: { zh: '商品点击→支付', en: 'Product click → pay', unit: 'ratio' },
  repurchaseRate: { zh: '复购率', en: 'Repurchase rate', unit: 'ratio' },
  decisionMinutes: { zh: '决策时长中位数（分钟）', en: 'Median decision time (minutes)', unit: 'minutes' },
  refundRate: { zh: '退款率（金额）', en: 'Refund rate (by amount)', unit: 'ratio' },
  fulfilmentHours: { zh: '履约时长中位数（小时，支付→发货）', en: 'Median fulfilment time (hours, pay → ship)', unit: 'hours' },
  gpm: { zh: '千次曝光成交额（元）', en: 'GMV per thousand impressions (CNY)', unit: 'CNY' },
};

/** One event as the radar reads it: the person it resolved to, and the fields the definitions use. */
export interface KpiEvent { readonly person: string; readonly name: string; readonly ts: number; readonly amount: number | null; readonly orderId: string | null }

export type KpiValues = Record<KpiKey, number | null>;


const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

/** Computes every indicator from events ordered by (person, ts). A value is null when its denominator is empty. */
export function computeKpis(events: readonly KpiEvent[]): KpiValues {
  let impressions = 0;
  let plays = 0;
  let paid = 0;
  let refunded = 0;
  const players = new Set<string>();
  const clickers = new Set<string>();
  const ordersOf = new Map<string, Set<string>>();
  const decisions: number[] = [];
  const payAt = new Map<string, number>();
  const shipAt = new Map<string, number>();
  let lastClick: { person: string; ts: number } | undefined;
  for (const e of events) {
    if (lastClick && lastClick.person !== e.person) lastClick = undefined;
    switch (e.name) {
      case 'impression': impressions++; break;
      case 'play': plays++; players.add(e.person); break;
      case 'product_click': clickers.add(e.person); lastClick = { person: e.person, ts: e.ts }; break;
      case 'pay': {
        paid += e.amount ?? 0;
        const orders = ordersOf.get(e.person) ?? new Set<string>();
        orders.add(e.orderId ?? `${e.person}@${e.ts}`);
        ordersOf.set(e.person, orders);
        if (lastClick) decisions.push((e.ts - lastClick.ts) / 60_000);
        if (e.orderId && !payAt.has(e.orderId)) payAt.set(e.orderId, e.ts);
        break;
      }
      case 'refund': refunded += e.amount ?? 0; break;
      case 'ship': if (e.orderId && !shipAt.has(e.orderId)) shipAt.set(e.orderId, e.ts); break;
      default: break;
    }
  }
  const buyers = [...ordersOf.values()];
  const fulfilment: number[] = [];
  for (const [order, shipped] of shipAt) {
    const paidAt = payAt.get(order);
    if (paidAt !== undefined && shipped >= paidAt) fulfilment.push((shipped - paidAt) / 3_600_000);
  }
  return {
    ctr: ratio(plays, impressions),
    playToClick: ratio([...players].filter((p) => clickers.has(p)).length, players.size),
    clickToPay: ratio([...clickers].filter((p) => ordersOf.has(p)).length, clickers.size),
    repurchaseRate: ratio(buyers.filter((o) => o.size >= 2).length, buyers.length),
    decisionMinutes: median(decisions),
    refundRate: ratio(refunded, paid),
    fulfilmentHours: median(fulfilment),
    gpm: impressions === 0 ? null : ((paid - refunded) / 100) * 1000 / impressions,
  };
}

/** One spoke of the radar: the value, its target and a score (1 = on target, capped at 1.5). */
export interface KpiIndicator {
  readonly key: KpiKey;
  readonly zh: string;
  readonly en: string;
  readonly unit: string;
  readonly direction: 'higher' | 'lower';
  readonly value: number | null;
  readonly target: number;
  readonly score: number | null;
  readonly status: 'good' | 'watch' | 'poor' | 'no_data';
}

/** Scores each value against its target: value÷target when higher is better, target÷value when lower is. */
export function scoreKpis(values: KpiValues, targets: Readonly<Record<KpiKey, number>>): KpiIndicator[] {
  return KPI_KEYS.map((key) => {
    const value = values[key];
    const target = targets[key];
    const direction = KPI_DIRECTION[key];
    let score: number | null = null;
    if (value !== null) score = direction === 'higher' ? value / target : value === 0 ? 1.5 : target / value;
    if (score !== null) score = Math.min(1.5, score);
    const status = score === null ? 'no_data' : score >= 1 ? 'good' : score >= 0.8 ? 'watch' : 'poor';
    return { key, ...KPI_LABELS[key], direction, value, target, score, status };
  });
}
