import type { LtvReport, RetentionReport } from '../api-types.js';
import { heatColor, paletteColor, tooltip, type ChartOption } from '../charts.js';
import { formatCompact, formatInt, formatPct, formatYuan } from '../format.js';
import { fill, t } from '../i18n.js';
import { escapeHtml } from '../labels.js';

/** Chart options of the retention page. */

/** Period k's column label: 第 2 周 / Week 2 (just the number on a phone, the unit as the axis name). */
export function periodLabel(period: string, k: number, short = false): string {
  const m = t().retention;
  if (short) return String(k);
  return fill(period === 'month' ? m.month : m.week, { k });
}

/** The cohort table as a heat map: rows are cohorts (oldest on top), columns periods, cells the rate. */
export function heatmapOption(r: RetentionReport, width: number): ChartOption {
  const m = t().retention;
  const narrow = width < 560;
  const columns = r.cohorts[0]?.rates.length ?? 0;
  const cells: [number, number, number][] = [];
  r.cohorts.forEach((c, y) => c.rates.forEach((rate, x) => { if (rate !== null) cells.push([x, y, rate]); }));
  // Period 0 is 100 % by definition; scale the colours to the later periods so their differences show.
  const max = Math.max(0.05, ...cells.filter(([x]) => x > 0).map(([, , v]) => v));
  return {
    grid: { left: 8, right: 8, top: narrow ? 30 : 8, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'item',
      formatter: (p: unknown) => {
        const [x, y, v] = (p as { value: [number, number, number] }).value;
        const c = r.cohorts[y];
        return escapeHtml(`${c?.cohort ?? ''} · ${periodLabel(r.period, x)}: ${formatPct(v)} (${formatInt(c?.returned[x])} / ${formatInt(c?.size)})`);
      },
    }),
    xAxis: {
      type: 'category', position: 'top', data: Array.from({ length: columns }, (_, k) => periodLabel(r.period, k, narrow)),
      ...(narrow ? { name: r.period === 'month' ? m.monthAxis : m.weekAxis, nameLocation: 'middle' as const, nameGap: 22 } : {}),
      axisTick: { show: false }, axisLine: { show: false }, axisLabel: { interval: 0, fontSize: 11, color: '#2b3145' },
    },
    yAxis: {
      type: 'category', inverse: true, data: r.cohorts.map((c) => `${c.cohort} · ${formatInt(c.size)}`),
      axisTick: { show: false }, axisLine: { show: false }, axisLabel: { fontSize: narrow ? 10 : 12, color: '#2b3145' },
    },
    series: [{
      type: 'heatmap',
      // Dark text on pale cells, white on deep ones.
      data: cells.map((value) => ({ value, itemStyle: { color: heatColor(value[2], max) }, label: { color: value[2] / max > 0.55 ? '#fff' : '#2b3145' } })),
      label: { show: true, fontSize: narrow ? 9 : 11, formatter: (p: { value: unknown }) => formatPct((p.value as [number, number, number])[2]) },
      itemStyle: { borderColor: '#fff', borderWidth: 2 },
      emphasis: { itemStyle: { borderColor: '#2b3145', borderWidth: 1 } },
    }],
  };
}

/** Net value per buyer of each cohort (bars), with the cohort's buyers in the tooltip. */
export function ltvOption(r: LtvReport, width: number): ChartOption {
  const m = t().retention;
  return {
    grid: { left: 8, right: 12, top: 24, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const c = r.cohorts[(p as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        return c ? escapeHtml(`${c.cohort}: ${m.perBuyer} ${formatYuan(c.netPerBuyer)} · ${m.buyers} ${formatInt(c.buyers)} · ${m.net} ${formatYuan(c.net)}`) : '';
      },
    }),
    xAxis: { type: 'category', data: r.cohorts.map((c) => c.cohort), axisTick: { show: false }, axisLabel: { fontSize: 11, color: '#2b3145', rotate: width < 520 && r.cohorts.length > 3 ? 40 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${formatCompact(v / 100)}`, color: '#6b7286' }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    series: [{
      name: m.cohortPerBuyer, type: 'bar', barMaxWidth: 36, itemStyle: { color: paletteColor(0), borderRadius: [3, 3, 0, 0] },
      label: { show: true, position: 'top', fontSize: 11, color: '#2b3145', formatter: (p: { value: unknown }) => formatYuan(Number(p.value)) },
      data: r.cohorts.map((c) => c.netPerBuyer),
    }],
  };
}
