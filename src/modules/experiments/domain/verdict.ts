import { EVENT_NAMES_ZH } from '../../events/index.js';
import type { MetricDef } from './experiment.js';

/**
 * Plain-language verdicts in Simplified Chinese and English (issue 6). Pure. Effects are relative
 * (percent) unless the analysis is absolute; money metrics are integer fen, shown in yuan.
 */

export interface Bilingual { readonly zh: string; readonly en: string }

/** What a comparison concluded for one metric and variation. */
export type Outcome = 'win' | 'lose' | 'inconclusive' | 'no_data';

const zhEvent = (name: string | undefined): string => (name === undefined ? '' : EVENT_NAMES_ZH[name] ?? ` ${name} `);

/** One side of a ratio metric, as a total: 净 GMV / net GMV, 订单数 / orders. */
function namePart(part: MetricDef['numerator']): Bilingual {
  switch (part?.kind) {
    case 'conversion': return { zh: `${zhEvent(part.event)}人数`, en: `${part.event} converters` };
    case 'count': return { zh: `${zhEvent(part.event)}次数`, en: `${part.event} events` };
    case 'gmv': return { zh: '净 GMV', en: 'net GMV' };
    case 'orders': return { zh: '订单数', en: 'orders' };
    default: return { zh: '?', en: '?' };
  }
}

/** The metric's name in both languages. */
export function nameMetric(m: MetricDef): Bilingual {
  if (m.label !== undefined) return { zh: m.label, en: m.label };
  switch (m.kind) {
    case 'conversion': return { zh: `${zhEvent(m.event)}转化率`, en: `conversion to ${m.event}` };
    case 'count': return { zh: `人均${zhEvent(m.event)}次数`, en: `${m.event} per unit` };
    case 'gmv': return { zh: '人均净 GMV（扣除退款）', en: 'net GMV per person (after refunds)' };
    case 'orders': return { zh: '人均订单数', en: 'orders per person' };
    case 'decision_time': return { zh: '决策时长（小时）', en: 'decision time (hours)' };
    case 'retention': return { zh: `第 ${m.day} 天留存`, en: `day-${m.day} retention` };
    case 'refund_rate': return { zh: '退款率', en: 'refund rate' };
    case 'complaint_rate': return { zh: '投诉率', en: 'complaint rate' };
    case 'ratio': {
      const num = namePart(m.numerator);
      const den = namePart(m.denominator);
      return { zh: `${num.zh} ÷ ${den.zh}`, en: `${num.en} / ${den.en}` };
    }
  }
}

/** Formats an effect: percent for relative, yuan for money, else 4 significant digits. */
export function formatEffect(x: number, relative: boolean, m: MetricDef): string {
  if (!Number.isFinite(x)) return x > 0 ? '+∞' : '−∞';
  const sign = x > 0 ? '+' : x < 0 ? '−' : '';
  const a = Math.abs(x);
  if (relative) return `${sign}${(a * 100).toFixed(a < 0.001 ? 3 : 1)}%`;
  if (m.kind === 'gmv') return `${sign}¥${(a / 100).toFixed(2)}`;
  return `${sign}${Number(a.toPrecision(4))}`;
}

const fmtP = (p: number): string => (p < 0.0001 ? '< 0.0001' : p.toFixed(4));

function explainNoData(v: string, name: Bilingual, code: string | undefined): Bilingual {
  if (code === 'experiments_stats_zero_variance') return { zh: `${v}：「${name.zh}」在某一组内所有单元取值相同，无法计算检验（可能数据太少或指标定义有误）。`, en: `${v}: ${name.en} has the same value for every unit of an arm, so no test can be computed (too little data, or check the metric's definition).` };
  if (code === 'experiments_stats_zero_control_mean') return { zh: `${v}：对照组的「${name.zh}」为 0，无法计算相对变化；可改用绝对效应。`, en: `${v}: the control's ${name.en} is 0, so a relative change is undefined; use absolute effects.` };
  return { zh: `${v}：「${name.zh}」暂无足够数据（每组至少需要 2 个单元）。`, en: `${v}: not enough data on ${name.en} yet (at least 2 units per arm).` };
}

/** The sentence for one metric and variation. */
export function describeComparison(args: {
  variation: string; metric: MetricDef; relative: boolean; outcome: Outcome; expected: number; ci: readonly [number, number];
  pValue: number | null; chanceToWin: number | null; confidence: number; guardrail?: 'ok' | 'warning' | 'failing' | undefined; errorMessage?: string | undefined;
}): Bilingual {
  const { variation: v, metric: m, relative, outcome } = args;
  const name = nameMetric(m);
  if (outcome === 'no_data') return explainNoData(v, name, args.errorMessage);
  const eff = formatEffect(args.expected, relative, m);
  const lo = formatEffect(args.ci[0], relative, m);
  const hi = formatEffect(args.ci[1], relative, m);
  const level = `${Math.round(args.confidence * 100)}%`;
  const evidence = args.pValue !== null
    ? { zh: `（${level} 置信区间 ${lo} 至 ${hi}，p = ${fmtP(args.pValue)}）`, en: ` (${level} CI ${lo} to ${hi}, p = ${fmtP(args.pValue)})` }
    : { zh: `（${level} 可信区间 ${lo} 至 ${hi}，胜出概率 ${((args.chanceToWin ?? 0) * 100).toFixed(1)}%）`, en: ` (${level} credible interval ${lo} to ${hi}, chance to win ${((args.chanceToWin ?? 0) * 100).toFixed(1)}%)` };
  const head = { zh: `${v} 的「${name.zh}」变化 ${eff}${evidence.zh}`, en: `${v} changed ${name.en} by ${eff}${evidence.en}` };
  if (args.guardrail === 'failing') return { zh: `${head.zh}：护栏指标显著变差，超过阈值，不应上线。`, en: `${head.en}: the guardrail is significantly worse beyond its threshold — do not ship.` };
  if (args.guardrail === 'warning') return { zh: `${head.zh}：护栏指标有变差迹象，需关注。`, en: `${head.en}: the guardrail may be getting worse — watch it.` };
  if (outcome === 'win') return { zh: `${head.zh}：显著更好。`, en: `${head.en}: significantly better.` };
  if (outcome === 'lose') return { zh: `${head.zh}：显著更差。`, en: `${head.en}: significantly worse.` };
  return { zh: `${head.zh}：尚无显著差异，继续收集数据。`, en: `${head.en}: no significant difference yet — keep collecting data.` };
}
