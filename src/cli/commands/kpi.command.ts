import type { Command } from 'commander';
import type { RadarResult } from '../../modules/kpi/index.js';
import { parseTimeFlag } from '../flag-parsers.js';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { msg } from '../messages.js';
import { percent, renderTable } from '../report-table.js';

interface KpiOptions extends GlobalOptions { tenant: string; from?: string; to?: string; targets?: string }


const STATUS_MARK: Record<string, string> = { good: '●', watch: '◐', poor: '○', no_data: '·' };

const formatValue = (unit: string, v: number | null): string => (unit === 'ratio' ? percent(v) : v === null ? '—' : v.toFixed(1));

/** Renders the radar as a table: status, indicator, value, target, score bar. */
function renderRadar(r: RadarResult, lang: 'zh' | 'en'): string {
  const rows = r.indicators.map((i) => [`${STATUS_MARK[i.status] ?? ' '} ${lang === 'zh' ? i.zh : i.en}`, formatValue(i.unit, i.value), formatValue(i.unit, i.target)]);
  const bars = r.indicators.map((i) => (i.score === null ? '' : '█'.repeat(Math.max(1, Math.round(i.score * 10)))));
  // The score bars hang left of a right-aligned table, after the title and header lines.
  const lines = renderTable(msg(lang, 'kpi_title'), ['', '', msg(lang, 'kpi_target')], rows).split('\n');
  return lines.map((line, k) => (k < 2 ? line : `${line}  ${bars[k - 2] ?? ''}`)).join('\n');
}

/** `reelpath kpi`: the KPI health radar as a table or JSON. */
export function registerKpiCommand(program: Command): void {
  program.command('kpi')
    .description('KPI health radar against targets / 经营指标健康雷达')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--from <time>', 'events at or after (epoch ms or ISO-8601)')
    .option('--to <time>', 'events before (epoch ms or ISO-8601)')
    .option('--targets <list>', 'targets for this run, e.g. ctr=0.12,gpm=500')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<KpiOptions>();
      await withTenantApp(opts, async (app) => {
        const result = await app.kpi.radar({ tenant: opts.tenant, from: parseTimeFlag(opts.from), to: parseTimeFlag(opts.to), targets: opts.targets });
        emit(opts, result, () => renderRadar(result, app.config.lang));
      });
    });
}
