import type { ExperimentAnalysis, MetricResult } from '../modules/experiments/index.js';
import { msg } from './messages.js';
import { renderTable } from './report-table.js';

const OUTCOME = { zh: { win: '更好 ✔', lose: '更差 ✘', inconclusive: '不显著', no_data: '数据不足' }, en: { win: 'better ✔', lose: 'worse ✘', inconclusive: 'n.s.', no_data: 'no data' } } as const;
const GUARD = { zh: { ok: '护栏正常', warning: '护栏预警 ⚠', failing: '护栏失败 ✘' }, en: { ok: 'guardrail ok', warning: 'guardrail warning ⚠', failing: 'guardrail FAILS ✘' } } as const;

/** An interval drawn on a 21-column axis centred on zero: ├───●──┤ with │ at zero. */
export function drawInterval(lo: number | null, hi: number | null, est: number, scale: number): string {
  const width = 21;
  const mid = 10;
  const at = (x: number): number => Math.max(0, Math.min(width - 1, Math.round(mid + (x / (scale || 1)) * mid)));
  const cells: string[] = Array.from({ length: width }, (_, i) => (i === mid ? '┆' : ' '));
  const a = lo === null ? 0 : at(lo);
  const b = hi === null ? width - 1 : at(hi);
  for (let i = a; i <= b; i++) cells[i] = '─';
  cells[a] = lo === null ? '◀' : '├';
  cells[b] = hi === null ? '▶' : '┤';
  cells[at(est)] = '●';
  return cells.join('');
}

const fmt = (x: number | null, relative: boolean): string => {
  if (x === null) return '∞';
  return relative ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%` : `${x >= 0 ? '+' : ''}${Number(x.toPrecision(4))}`;
};

function renderMetric(m: MetricResult, a: ExperimentAnalysis, lang: 'zh' | 'en'): string {
  const relative = a.difference === 'relative';
  const stat = a.engine === 'bayesian' ? (lang === 'zh' ? '胜出概率' : 'Chance to win') : a.correction === 'none' ? 'p' : (lang === 'zh' ? 'p（校正后）' : 'p (adj.)');
  const scale = Math.max(1e-9, ...m.comparisons.flatMap((c) => [Math.abs(c.ci[0] ?? 0), Math.abs(c.ci[1] ?? 0), Math.abs(c.expected)]));
  const rows: string[][] = [[m.control.variation, String(m.control.units), m.control.mean === null ? '—' : Number(m.control.mean.toPrecision(4)).toString(), '—', '', '', lang === 'zh' ? '对照' : 'control']];
  for (const c of m.comparisons) {
    const p = a.engine === 'bayesian' ? (c.chanceToWin === null ? '—' : `${(c.chanceToWin * 100).toFixed(1)}%`) : ((c.adjustedPValue ?? c.pValue) === null ? '—' : (c.adjustedPValue ?? c.pValue as number).toFixed(4));
    const outcome = c.guardrail ? GUARD[lang][c.guardrail] : OUTCOME[lang][c.outcome];
    rows.push([c.variation, String(c.units), c.mean === null ? '—' : Number(c.mean.toPrecision(4)).toString(), fmt(c.expected, relative),
      `[${fmt(c.ci[0], relative)}, ${fmt(c.ci[1], relative)}] ${drawInterval(c.ci[0], c.ci[1], c.expected, scale)}`, p, outcome]);
  }
  const role = { primary: lang === 'zh' ? '主要指标' : 'primary', secondary: lang === 'zh' ? '次要指标' : 'secondary', guardrail: lang === 'zh' ? '护栏指标' : 'guardrail' }[m.role];
  const cuped = m.cuped ? ' · CUPED' : '';
  const table = renderTable(`▸ ${m.name[lang]} [${m.key}] · ${role}${cuped}`, msg(lang, 'exp_metric_header', { stat }).split('|'), rows);
  return `${table}\n${m.comparisons.map((c) => `  ${c.verdict[lang]}`).join('\n')}`;
}

/** Renders a whole analysis: one table per metric with drawn intervals, SRM, the sequential note and the decision. */
export function renderAnalysis(title: string, a: ExperimentAnalysis, lang: 'zh' | 'en', extra: readonly string[] = []): string {
  const counts = a.srm.counts.join(' / ');
  const p = a.srm.pValue === null ? '—' : a.srm.pValue < 1e-4 ? a.srm.pValue.toExponential(2) : a.srm.pValue.toFixed(4);
  const srm = msg(lang, a.srm.mismatch ? 'exp_srm_bad' : 'exp_srm_ok', { p, counts });
  return [title, ...extra, srm, '', ...a.metrics.map((m) => `${renderMetric(m, a, lang)}\n`), a.sequential.note[lang], msg(lang, 'exp_decision', { verdict: a.verdict[lang] })].join('\n');
}
