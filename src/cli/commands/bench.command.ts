import type { Command } from 'commander';
import { emit, type GlobalOptions } from '../cli-context.js';
import { positiveIntFlag } from '../flag-parsers.js';
import { ProgressBar } from '../progress.js';


function human(result: Record<string, unknown>): string {
  return Object.entries(result).map(([k, v]) => `${k.padEnd(24)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n');
}

// The benchmark code loads only when a benchmark runs, not at every `reelpath` start.

/** `reelpath bench ingest|import|funnel|markov`: benchmarks with a same-run baseline; `--json` for BENCHMARKS.md. */
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
}
