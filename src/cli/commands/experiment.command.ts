import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { assignVisitor } from '../../flows/assign.flow.js';
import { analyseExperiment, DEFAULT_ANALYSIS, TableCollector, type AnalysisSettings, type Experiment, type ExperimentInput } from '../../modules/experiments/index.js';
import { readCsvFile } from '../../modules/importer/index.js';
import { AppError } from '../../shared/errors/index.js';
import { configFromFlags, emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { renderAnalysis } from '../experiment-report.js';
import { msg } from '../messages.js';
import { renderTable } from '../report-table.js';

interface TenantOptions extends GlobalOptions { tenant: string }
interface AnalyzeOptions extends GlobalOptions {
  csv: string; unit: string; variant: string; control: string; metric: string[]; pre?: string; outliers?: string;
  engine?: string; alternative?: string; sequential?: boolean; tuning?: string; alpha?: string; absolute?: boolean; correction?: string; weights?: string;
}

/** Reads a JSON file (or `-` for stdin); `cli_usage` when it is not JSON. */
function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path === '-' ? 0 : path, 'utf8'));
  } catch (err) {
    throw new AppError('cli_usage', `${path} is not a readable JSON file: ${(err as Error).message}`);
  }
}

function settingsFrom(o: AnalyzeOptions): AnalysisSettings {
  const engine = o.engine ?? 'frequentist';
  if (engine !== 'frequentist' && engine !== 'bayesian') throw new AppError('cli_usage', '--engine is frequentist or bayesian');
  const alternative = o.alternative ?? 'two-sided';
  if (!['two-sided', 'greater', 'less'].includes(alternative)) throw new AppError('cli_usage', '--alternative is two-sided, greater or less');
  const correction = o.correction ?? 'holm';
  if (!['holm', 'bh', 'none'].includes(correction)) throw new AppError('cli_usage', '--correction is holm, bh or none');
  const alpha = o.alpha === undefined ? 0.05 : Number(o.alpha);
  if (!(alpha > 0 && alpha < 0.5)) throw new AppError('cli_usage', '--alpha is a number in (0, 0.5)');
  const tuning = o.tuning === undefined ? 5000 : Number(o.tuning);
  if (!(tuning >= 1)) throw new AppError('cli_usage', '--tuning is a number ≥ 1');
  return {
    ...DEFAULT_ANALYSIS, engine, alternative: alternative as AnalysisSettings['alternative'], correction: correction as AnalysisSettings['correction'],
    alpha, sequential: o.sequential === true, sequentialTuning: tuning, difference: o.absolute ? 'absolute' : 'relative', cuped: o.pre !== undefined,
  };
}

function parseOutliers(text: string | undefined): { column: string; z: number } | undefined {
  if (text === undefined) return undefined;
  const [column, z] = text.split(':');
  const threshold = z === undefined ? 3 : Number(z);
  if (!column || !(threshold > 0)) throw new AppError('cli_usage', '--outliers takes COLUMN or COLUMN:Z (drop units whose |z| on COLUMN exceeds Z, default 3)');
  return { column, z: threshold };
}

/** `reelpath experiment analyze`: per-unit results from a CSV through the same engine. */
async function analyzeCsv(o: AnalyzeOptions): Promise<void> {
  const lang = configFromFlags(o).lang;
  const settings = settingsFrom(o);
  let collector: TableCollector | undefined;
  for await (const batch of readCsvFile(o.csv, { header: true })) {
    for (const row of batch.rows) {
      if (row.error !== undefined) throw new AppError('experiments_invalid_csv', `line ${row.line}: ${row.error}`);
      collector ??= new TableCollector(batch.header ?? [], { unit: o.unit, variant: o.variant, control: o.control, metrics: o.metric, pre: o.pre, outliers: parseOutliers(o.outliers) });
      collector.add(row.fields, row.line);
    }
  }
  if (!collector) throw new AppError('experiments_invalid_csv', `${o.csv} has no data rows`);
  const table = collector.finish();
  const weights = o.weights?.split(',').map(Number) ?? table.variations.map((v) => v.weight);
  if (weights.length !== table.variations.length || weights.some((w) => !(w > 0))) throw new AppError('cli_usage', `--weights needs ${table.variations.length} positive numbers (control first)`);
  const variations = table.variations.map((v, i) => ({ ...v, weight: weights[i] as number }));
  const analysis = analyseExperiment({ variations, metrics: table.metrics, guardrails: [], analysis: settings }, table.moments, table.counts);
  const summary = { rows: table.rows, droppedOutliers: table.droppedOutliers, duplicateUnits: table.duplicateUnits, counts: table.counts };
  emit(o, { file: o.csv, ...summary, ...analysis }, () => renderAnalysis(
    msg(lang, 'exp_report_title', { key: o.csv, engine: settings.engine, difference: lang === 'zh' ? (settings.difference === 'relative' ? '相对' : '绝对') : settings.difference, alpha: settings.alpha }),
    analysis, lang, [msg(lang, 'exp_csv_summary', { rows: table.rows, dropped: table.droppedOutliers, duplicates: table.duplicateUnits })],
  ));
}

function describeDesign(e: Experiment): string {
  const d = e.design;
  return d.kind === 'person' ? 'person' : d.kind === 'cluster' ? `cluster:${d.by}` : `switchback:${d.slotMinutes}m`;
}

/** `reelpath experiment …` and `reelpath flag …`: define, run, assign, analyse and conclude A/B tests. */
export function registerExperimentCommand(program: Command): void {
  const exp = program.command('experiment').description('A/B tests: define, start, assign, report, ship / A/B 实验');
  const tenantCommand = (name: string, description: string) => exp.command(name).description(description).option('--tenant <id>', 'tenant', 'demo');

  tenantCommand('list', 'Experiments of a tenant / 实验列表').action(async (_o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<TenantOptions>();
    await withTenantApp(o, async (app) => {
      const list = await app.experiments.list(o.tenant);
      const lang = app.config.lang;
      emit(o, { experiments: list }, () => (list.length === 0 ? msg(lang, 'exp_none') : renderTable(msg(lang, 'exp_list_title'), msg(lang, 'exp_list_header').split('|'),
        list.map((e) => [e.id, e.key, e.name, e.status, describeDesign(e), e.startedAt === null ? '—' : new Date(e.startedAt).toISOString().slice(0, 16)] as string[]))));
    });
  });

  tenantCommand('create', 'Create a draft from a JSON definition / 从 JSON 定义创建草稿').requiredOption('--file <path>', 'definition (JSON; - for stdin)').action(async (_o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<TenantOptions & { file: string }>();
    const input = readJson(o.file) as ExperimentInput;
    await withTenantApp(o, async (app) => {
      const e = await app.experiments.create(o.tenant, input);
      emit(o, e, () => msg(app.config.lang, 'exp_created', { id: e.id, key: e.key }));
    });
  });

  for (const [name, description] of [['start', 'Start assigning / 开始实验'], ['stop', 'Stop assigning / 停止实验']] as const) {
    tenantCommand(name, description).argument('<id>').action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<TenantOptions>();
      await withTenantApp(o, async (app) => {
        const e = name === 'start' ? await app.experiments.start(o.tenant, id) : await app.experiments.stop(o.tenant, id);
        emit(o, e, () => msg(app.config.lang, 'exp_moved', { id, status: e.status }));
      });
    });
  }

  tenantCommand('ship', 'Conclude: ship a variation to everyone / 结束实验并全量上线').argument('<id>').requiredOption('--variation <key>', 'the variation to ship').action(async (id: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<TenantOptions & { variation: string }>();
    await withTenantApp(o, async (app) => {
      const e = await app.experiments.ship(o.tenant, id, o.variation);
      emit(o, e, () => msg(app.config.lang, 'exp_moved', { id, status: `${e.status} (${o.variation})` }));
    });
  });

  tenantCommand('report', 'Effects, intervals, SRM, guardrails and a verdict / 实验报告').argument('<id>').action(async (id: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<TenantOptions>();
    await withTenantApp(o, async (app) => {
      const r = await app.experimentReports.report(o.tenant, id);
      const lang = app.config.lang;
      const s = r.experiment.analysis;
      emit(o, r, () => renderAnalysis(
        msg(lang, 'exp_report_title', { key: r.experiment.key, engine: s.engine, difference: lang === 'zh' ? (s.difference === 'relative' ? '相对' : '绝对') : s.difference, alpha: s.alpha }),
        r, lang, [msg(lang, 'exp_exclusions', { multiple: r.exclusions.multipleVariations, burnIn: r.exclusions.burnIn })],
      ));
    });
  });

  tenantCommand('assign', 'Assign a visitor (records exposures) / 为访客分配实验组').requiredOption('--key <key>', 'identity key (user:42, anon:…) or person id')
    .option('--platform <p>').option('--creator <id>').option('--live <id>').option('--experiments <keys>').option('--no-expose', 'do not record exposures')
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<TenantOptions & { key: string; platform?: string; creator?: string; live?: string; experiments?: string; expose: boolean }>();
      await withTenantApp(o, async (app) => {
        const r = await assignVisitor(app, o.tenant, { key: o.key, platform: o.platform, creatorId: o.creator, liveId: o.live, experiments: o.experiments, expose: o.expose });
        emit(o, r, () => renderTable(null, msg(app.config.lang, 'exp_assign_header').split('|'), r.experiments.map((a) => [a.key, a.variation ?? '—', a.inExperiment ? '✔' : '—', JSON.stringify(a.value)])));
      });
    });

  exp.command('analyze').description('Analyse per-unit results from a CSV with the same engine / 分析外部计算的实验结果')
    .requiredOption('--csv <file>', 'one row per unit').requiredOption('--unit <col>', 'unit id column').requiredOption('--variant <col>', 'variation column')
    .requiredOption('--control <name>', 'the control\'s value in the variation column')
    .requiredOption('--metric <col>', 'metric column (numbers or TRUE/FALSE); repeat for several', (v: string, prev: string[] = []) => [...prev, v])
    .option('--pre <col>', 'pre-exposure covariate column (turns CUPED on)').option('--outliers <col[:z]>', 'drop units whose |z| on a column exceeds z (default 3)')
    .option('--engine <name>', 'frequentist (default) or bayesian').option('--alternative <h>', 'two-sided (default), greater or less')
    .option('--sequential', 'always-valid confidence sequences').option('--tuning <n>', 'sequential tuning parameter (default 5000)')
    .option('--alpha <a>', 'significance level (default 0.05)').option('--absolute', 'absolute instead of relative effects')
    .option('--correction <m>', 'holm (default), bh or none').option('--weights <list>', 'planned split for the SRM check, control first (default equal)')
    .action(async (_o: unknown, cmd: Command) => analyzeCsv(cmd.optsWithGlobals<AnalyzeOptions>()));

  const flag = program.command('flag').description('Feature flags / 功能开关');
  flag.command('list', { isDefault: true }).option('--tenant <id>', 'tenant', 'demo').action(async (_o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<TenantOptions>();
    await withTenantApp(o, async (app) => {
      const flags = await app.experiments.flags(o.tenant);
      const lang = app.config.lang;
      emit(o, { flags }, () => (flags.length === 0 ? msg(lang, 'exp_flag_none') : renderTable(null, msg(lang, 'exp_flag_header').split('|'), flags.map((f) => [f.key, f.enabled ? '✔' : '—', JSON.stringify(f.defaultValue), String(f.rules.length)]))));
    });
  });
  flag.command('set').argument('<key>').option('--tenant <id>', 'tenant', 'demo').requiredOption('--file <path>', 'flag JSON: { defaultValue, rules?, enabled?, description? }').action(async (key: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<TenantOptions & { file: string }>();
    const body = readJson(o.file) as Record<string, unknown>;
    await withTenantApp(o, async (app) => {
      const f = await app.experiments.putFlag(o.tenant, { ...body, key } as never);
      emit(o, f, () => msg(app.config.lang, 'exp_flag_saved', { key }));
    });
  });
  flag.command('delete').argument('<key>').option('--tenant <id>', 'tenant', 'demo').action(async (key: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<TenantOptions>();
    await withTenantApp(o, async (app) => {
      await app.experiments.deleteFlag(o.tenant, key);
      emit(o, { deleted: key }, () => msg(app.config.lang, 'exp_flag_deleted', { key }));
    });
  });
}
