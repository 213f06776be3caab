import type { Command } from 'commander';
import { emit, type GlobalOptions } from '../cli-context.js';
import { positiveIntFlag } from '../flag-parsers.js';
import { ProgressBar } from '../progress.js';
import { AppError } from '../../shared/errors/index.js';


function human(result: Record<string, unknown>): string {
  return Object.entries(result).map(([k, v]) => `${k.padEnd(24)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n');
}

/** Phase lines on stderr (never with --json, whose stdout is the result). */
function progress(opts: GlobalOptions, name: string): (line: string) => void {
  return (line) => { if (!opts.json) process.stderr.write(`${name}: ${line}\n`); };
}

// The benchmark code loads only when a benchmark runs, not at every `reelpath` start.

/** `reelpath bench ingest|import|flash-sale|ledger|assign|experiment-report|funnel|markov|alerts|live|dashboard|recommend-train|recommend-serve`: benchmarks with a same-run baseline; `--json` for BENCHMARKS.md. */
export function registerBenchCommand(program: Command): void {
  const bench = program.command('bench').description('Benchmarks / 性能基准');
  bench.command('ingest')
    .description('HTTP ingestion end to end (batches of events over loopback)')
    .option('--events <n>', 'events to send', '500000')
    .option('--batch <n>', 'events per request', '1000')
    .option('--concurrency <n>', 'requests in flight', '4')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { events: string; batch: string; concurrency: string }>();
      const events = positiveIntFlag('events', opts.events);
      const bar = new ProgressBar('bench ingest', events, 'ev', !opts.json);
      const { benchIngest } = await import('../../../bench/ingest.bench.js');
      const result = await benchIngest({ events, batch: positiveIntFlag('batch', opts.batch), concurrency: positiveIntFlag('concurrency', opts.concurrency), onProgress: (d) => bar.update(d) });
      bar.done();
      emit(opts, result, () => human(result));
    });
  bench.command('import')
    .description('File import end to end (REES46-layout CSV)')
    .option('--rows <n>', 'rows in the generated file', '1000000')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { rows: string }>();
      const bar = new ProgressBar('bench import', 100, '%', !opts.json);
      const { benchImport } = await import('../../../bench/import.bench.js');
      const result = await benchImport({ rows: positiveIntFlag('rows', opts.rows), onProgress: (s) => bar.update(100 * s) });
      bar.done();
      emit(opts, result, () => human(result));
    });
  bench.command('ledger')
    .description('Order splits through the commission ledger against one transaction per split, postings, then the provenance log (append, proofs)')
    .option('--engine <engine>', 'sqlite (embedded) or postgres', 'sqlite')
    .option('--pg-url <url>', 'PostgreSQL server for --engine postgres (a schema of its own is made and dropped)')
    .option('--orders <n>', 'orders split', '200000')
    .option('--clients <n>', 'concurrent clients', '500')
    .option('--log-entries <n>', 'entries appended to the provenance log (0 skips it)', '1000000')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { engine: string; pgUrl?: string; orders: string; clients: string; logEntries: string }>();
      if (!['sqlite', 'postgres'].includes(opts.engine)) throw new AppError('cli_usage', `--engine ${opts.engine}: use sqlite or postgres`);
      if (opts.engine === 'postgres' && !opts.pgUrl) throw new AppError('cli_usage', '--engine postgres needs --pg-url');
      const logEntries = Number(opts.logEntries);
      if (!Number.isSafeInteger(logEntries) || logEntries < 0) throw new AppError('cli_usage', `--log-entries: a whole number ≥ 0, got ${opts.logEntries}`);
      const { benchLedger } = await import('../../../bench/ledger.bench.js');
      const result = await benchLedger({ engine: opts.engine as 'sqlite' | 'postgres', pgUrl: opts.pgUrl, orders: positiveIntFlag('orders', opts.orders), clients: positiveIntFlag('clients', opts.clients), logEntries, onProgress: progress(opts, 'bench ledger') });
      emit(opts, result, () => human(result));
    });
  bench.command('flash-sale')
    .description('A live-sale burst through the real checkout (oversold, durability, invariant checkpoints), then one hot SKU against a plain row-lock design')
    .option('--engine <engine>', 'sqlite (embedded), postgres, or redis (stock in Redis, orders in PostgreSQL)', 'sqlite')
    .option('--pg-url <url>', 'PostgreSQL server for --engine postgres|redis (a schema of its own is made and dropped)')
    .option('--redis-url <url>', 'Redis server for --engine redis')
    .option('--attempts <n>', 'order attempts in the burst', '1000000')
    .option('--clients <n>', 'concurrent clients', '1000')
    .option('--skus <n>', 'hot SKUs in the sale', '10')
    .option('--units <n>', 'units in the sale, split over the SKUs', '100000')
    .option('--hot <n>', 'placements on one hot SKU (and in the row-lock baseline)', '200000')
    .option('--hot-clients <n>', 'concurrent clients of the hot-SKU run and its baseline', '200')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { engine: string; pgUrl?: string; redisUrl?: string; attempts: string; clients: string; skus: string; units: string; hot: string; hotClients: string }>();
      if (!['sqlite', 'postgres', 'redis'].includes(opts.engine)) throw new AppError('cli_usage', `--engine ${opts.engine}: use sqlite, postgres or redis`);
      const { benchFlashSale } = await import('../../../bench/flash-sale.bench.js');
      const result = await benchFlashSale({
        engine: opts.engine as 'sqlite' | 'postgres' | 'redis', pgUrl: opts.pgUrl, redisUrl: opts.redisUrl,
        attempts: positiveIntFlag('attempts', opts.attempts), clients: positiveIntFlag('clients', opts.clients), skus: positiveIntFlag('skus', opts.skus),
        units: positiveIntFlag('units', opts.units), hotPlacements: positiveIntFlag('hot', opts.hot), hotClients: positiveIntFlag('hot-clients', opts.hotClients), onProgress: progress(opts, 'bench flash-sale'),
      });
      emit(opts, result, () => human(result));
    });
  bench.command('assign')
    .description('Experiment assignments per second on one core (GrowthBook hashing), against the bare FNV-1a hash')
    .option('--n <n>', 'assignments', '2000000')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { n: string }>();
      const { benchAssign } = await import('../../../bench/experiments.bench.js');
      const result = benchAssign(positiveIntFlag('n', opts.n));
      emit(opts, result, () => human(result));
    });
  bench.command('experiment-report')
    .description('A full experiment report (10 metrics × 3 arms) over exposed persons in the embedded stores, against one metric in plain SQL')
    .option('--persons <n>', 'exposed persons', '10000000')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { persons: string }>();
      const { benchExperimentReport } = await import('../../../bench/experiments.bench.js');
      const result = await benchExperimentReport({ persons: positiveIntFlag('persons', opts.persons), onProgress: progress(opts, 'bench experiment-report') });
      emit(opts, result, () => human(result));
    });
  bench.command('funnel')
    .description('8-step funnel by platform over the embedded store, against the plain-SQL chain of joins')
    .option('--events <n>', 'synthetic events in the store', '10000000')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { events: string }>();
      const { benchFunnel } = await import('../../../bench/analytics.bench.js');
      const result = await benchFunnel({ events: positiveIntFlag('events', opts.events), onProgress: (phase) => { if (!opts.json) process.stderr.write(`bench funnel: ${phase}…\n`); } });
      emit(opts, result, () => human(result));
    });
  bench.command('markov')
    .description('Markov attribution (order 1, exact removal effects) over generated journeys, against linear')
    .option('--journeys <n>', 'journeys', '1000000')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { journeys: string }>();
      const { benchMarkov } = await import('../../../bench/analytics.bench.js');
      const result = await benchMarkov(positiveIntFlag('journeys', opts.journeys));
      emit(opts, result, () => human(result));
    });
  bench.command('alerts')
    .description('Live alerting under load: fault → signed webhook latency while ingesting over HTTP, evaluation loop on vs off')
    .option('--seconds <n>', 'measured phase with the evaluation loop on (one fault per room)', '150')
    .option('--baseline-seconds <n>', 'same load before it with the loop off', '60')
    .option('--rate <n>', 'events per second offered over all rooms', '20000')
    .option('--rooms <n>', 'live rooms (one tenant each)', '20')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { seconds: string; baselineSeconds: string; rate: string; rooms: string }>();
      const { benchAlerts, formatAlertsTable } = await import('../../../bench/alerts.bench.js');
      const result = await benchAlerts({
        seconds: positiveIntFlag('seconds', opts.seconds), baselineSeconds: positiveIntFlag('baseline-seconds', opts.baselineSeconds),
        rate: positiveIntFlag('rate', opts.rate), rooms: positiveIntFlag('rooms', opts.rooms), onProgress: progress(opts, 'bench alerts'),
      });
      emit(opts, result, () => formatAlertsTable(result));
    });
  bench.command('live')
    .description('Live board: concurrent server-sent-event clients while events are ingested and alerts fire, against one client')
    .option('--clients <n>', 'concurrent live-board clients', '1000')
    .option('--seconds <n>', 'measured phase with all clients connected', '90')
    .option('--baseline-seconds <n>', 'same load before it with one client', '30')
    .option('--rate <n>', 'events per second ingested meanwhile', '5000')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { clients: string; seconds: string; baselineSeconds: string; rate: string }>();
      const { benchLive, formatLiveTable } = await import('../../../bench/live.bench.js');
      const result = await benchLive({
        clients: positiveIntFlag('clients', opts.clients), seconds: positiveIntFlag('seconds', opts.seconds),
        baselineSeconds: positiveIntFlag('baseline-seconds', opts.baselineSeconds), rate: positiveIntFlag('rate', opts.rate), onProgress: progress(opts, 'bench live'),
      });
      emit(opts, result, () => formatLiveTable(result));
    });
  bench.command('dashboard')
    .description('Dashboard first load per page over the demo world, cold, in Chromium, against the page\'s own API time')
    .option('--events <n>', 'events in the demo world', '200000')
    .option('--runs <n>', 'cold loads per page', '3')
    .option('--chromium <path>', 'the Chromium to drive', '/usr/bin/chromium')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { events: string; runs: string; chromium: string }>();
      const { benchDashboard } = await import('../../../bench/dashboard.bench.js');
      const result = await benchDashboard({
        events: positiveIntFlag('events', opts.events), runs: positiveIntFlag('runs', opts.runs), chromium: opts.chromium, onProgress: progress(opts, 'bench dashboard'),
      });
      emit(opts, result, () => human(result));
    });
  bench.command('recommend-train')
    .description('Recommendation model rebuild (SAR and implicit ALS) on synthetic interactions, against building the matrix')
    .option('--interactions <n>', 'synthetic interactions', '1000000')
    .option('--items <n>', 'catalogue size', '100000')
    .option('--users <n>', 'persons', '50000')
    .option('--factors <n>', 'ALS factors (default: the serving default)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { interactions: string; items: string; users: string; factors?: string }>();
      const { benchRecommendTrain } = await import('../../../bench/recommend-train.bench.js');
      const result = await benchRecommendTrain({
        interactions: positiveIntFlag('interactions', opts.interactions), items: positiveIntFlag('items', opts.items),
        users: positiveIntFlag('users', opts.users), onProgress: progress(opts, 'bench recommend-train'),
        ...(opts.factors === undefined ? {} : { factors: positiveIntFlag('factors', opts.factors) }),
      });
      emit(opts, result, () => human(result));
    });
  bench.command('recommend-serve')
    .description('GET /v1/recommendations (top 20) under open-loop load over a synthetic catalogue, against GET /v1/allocation/policy at the same rate')
    .option('--items <n>', 'catalogue size', '100000')
    .option('--persons <n>', 'persons (90 % consent to personalization)', '50000')
    .option('--interactions <n>', 'interactions', '600000')
    .option('--rates <list>', 'requests per second, one measured run each', '250,500,1000')
    .option('--seconds <n>', 'seconds per measured run', '20')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { items: string; persons: string; interactions: string; rates: string; seconds: string }>();
      const { benchRecommendServe } = await import('../../../bench/recommend-serve.bench.js');
      const result = await benchRecommendServe({
        items: positiveIntFlag('items', opts.items), persons: positiveIntFlag('persons', opts.persons), interactions: positiveIntFlag('interactions', opts.interactions),
        rates: opts.rates.split(',').map((r) => positiveIntFlag('rates', r.trim())), seconds: positiveIntFlag('seconds', opts.seconds),
        onProgress: (phase, done, total) => { if (!opts.json && done === undefined) process.stderr.write(`bench recommend-serve: ${phase}${total ? ` ${total}` : ''}\n`); },
      });
      emit(opts, result, () => human(result));
    });
}
