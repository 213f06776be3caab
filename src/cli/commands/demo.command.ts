import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createApp, type App } from '../../app/app.js';
import { ingestBatch } from '../../flows/ingest-events.flow.js';
import { FUNNEL_NODES } from '../../modules/events/index.js';
import type { FunnelResult } from '../../modules/funnels/index.js';
import { generateEvents, loadCatalogue } from '../../modules/simulator/index.js';
import { AppError } from '../../shared/errors/index.js';
import { positiveIntFlag } from '../flag-parsers.js';
import { configFromFlags, emit, type GlobalOptions } from '../cli-context.js';
import { renderFunnel } from '../funnel-table.js';
import { msg } from '../messages.js';
import { ProgressBar } from '../progress.js';
import { serveUntilSignal } from '../serve-loop.js';
import { runLiveDemo } from '../live-demo.js';
import { DEMO_LIVE_PLAN } from '../../flows/live-replay.flow.js';
import { runDemoFlashSale } from '../../flows/demo-flash-sale.flow.js';
import { seedDemoTrace } from '../../flows/demo-trace.flow.js';
import { yuan } from './orders.command.js';
import { seedDemoExperiment } from '../../flows/demo-experiment.flow.js';
import { acceleratedClock, systemClock } from '../../shared/time.js';

interface DemoOptions extends GlobalOptions { events: string; seed: string; serve: boolean; live?: boolean; speed: string }

const DAY = 86_400_000;
const BATCH = 5000;

/** Generates the world and ingests it through the same flow as the API; returns counts. */
async function ingestWorld(app: App, tenantId: string, events: number, seed: number, quiet: boolean): Promise<{ accepted: number; rejected: number; seconds: number; fromDataset: boolean; videos: number }> {
  const lang = app.config.lang;
  const { catalogue, fromDataset } = await loadCatalogue(resolve(app.config.datasetsDir));
  if (!quiet) {
    process.stderr.write(`${msg(lang, 'demo_generating', { events: events.toLocaleString('en-US'), seed })}\n`);
    process.stderr.write(`${fromDataset ? msg(lang, 'demo_catalogue_real', { videos: catalogue.entries.length }) : msg(lang, 'demo_catalogue_builtin', { dir: app.config.datasetsDir })}\n`);
  }
  const tenant = await app.tenants.getTenant(tenantId);
  // A fixed start per calendar day keeps the world deterministic for a seed while its events stay recent.
  const startTs = Math.floor(app.clock.now() / DAY) * DAY - 8 * DAY;
  const bar = new ProgressBar(msg(lang, 'demo_ingesting'), events, 'ev', !quiet);
  const started = Date.now();
  let accepted = 0;
  let rejected = 0;
  let batch: unknown[] = [];
  const flush = async (): Promise<void> => {
    const res = await ingestBatch(app, tenant, batch);
    accepted += res.accepted;
    rejected += res.rejected.length;
    batch = [];
    bar.update(accepted + rejected);
  };
  for (const event of generateEvents({ seed, events, startTs, catalogue })) {
    batch.push(event);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  bar.done();
  return { accepted, rejected, seconds: (Date.now() - started) / 1000, fromDataset, videos: catalogue.entries.length };
}

/** `reelpath demo`: generate → ingest → funnel by platform → serve the API and dashboard. */
export function registerDemoCommand(program: Command): void {
  program.command('demo')
    .description('Generate a demo world, ingest it, print a funnel and serve the dashboard / 生成演示数据、打印漏斗并启动仪表盘')
    .option('--events <n>', 'number of events to generate', '200000')
    .option('--seed <n>', 'random seed (same seed, same world)', '42')
    .option('--no-serve', 'print the funnel and exit')
    .option('--live', 'replay a live stream with injected faults while serving (the default); the flash sale runs either way')
    .option('--no-live', 'serve without replaying the live stream with injected faults')
    .option('--speed <n>', 'how many times faster than real time the live stream is replayed', '10')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<DemoOptions>();
      const events = positiveIntFlag('events', opts.events);
      const seed = Number(opts.seed);
      if (!Number.isSafeInteger(seed)) throw new AppError('cli_usage', `--seed must be an integer, got ${opts.seed}`);
      const speed = positiveIntFlag('speed', opts.speed);
      const base = configFromFlags(opts);
      const demoDir = join(base.dataDir, 'demo');
      // The demo owns its folder: each run starts from an empty world so the output is reproducible.
      rmSync(demoDir, { recursive: true, force: true });
      // The live replay runs the app on a clock that later speeds up (then joins real time); webhooks keep
      // the wall clock. Alert rules are evaluated about every 2 s of the stream's time.
      const live = opts.serve && opts.live !== false;
      const clock = live ? acceleratedClock((DEMO_LIVE_PLAN.minutes + 3) * 60_000, speed) : undefined;
      const config = configFromFlags(opts, { dataDir: demoDir }, { 'log.level': 'warn', 'alerts.evaluateEveryMs': String(Math.max(100, Math.round(2_000 / speed))) });
      const app = await createApp(config, clock ? { clock, wallClock: systemClock } : {});
      const lang = app.config.lang;
      let serving = false;
      try {
        const { writeKey, secretKey } = await app.tenants.createTenant('demo', 'Demo shop 演示店铺');
        const ingest = await ingestWorld(app, 'demo', events, seed, opts.json === true);
        const funnel: FunnelResult = await app.funnels.run({ tenant: 'demo', steps: [...FUNNEL_NODES], windowMs: DAY, by: 'platform' });
        const experiment = await seedDemoExperiment(app, await app.tenants.getTenant('demo'), app.clock.now(), seed);
        const flash = await runDemoFlashSale(app, 'demo', seed);
        const trace = await seedDemoTrace(app, 'demo');
        emit(opts, { ingest, funnel, experiment: { id: experiment.id, key: experiment.key }, flashSale: flash, trace, keys: { writeKey, secretKey } }, () => [
          msg(lang, 'demo_ingested', { accepted: ingest.accepted.toLocaleString('en-US'), rejected: ingest.rejected, seconds: ingest.seconds.toFixed(1), rate: Math.round(ingest.accepted / Math.max(0.001, ingest.seconds)).toLocaleString('en-US') }),
          '',
          msg(lang, 'demo_funnel_title', { window: '24h' }),
          renderFunnel(funnel, lang),
          '',
          msg(lang, 'demo_experiment', { key: experiment.key, id: experiment.id, dir: app.config.dataDir }),
          msg(lang, 'demo_flash_sale', {
            sale: flash.saleId, units: flash.units, attempts: flash.attempts.toLocaleString('en-US'), seconds: flash.seconds.toFixed(1), paid: flash.paid, cancelled: flash.cancelled,
            soldOut: flash.soldOutAnswers.toLocaleString('en-US'), overLimit: flash.overLimit, sold: flash.sold, oversold: flash.oversold, reserved: flash.reservedLeft,
          }),
          msg(lang, 'demo_flash_compensated', { count: flash.compensated, dir: app.config.dataDir }),
          msg(lang, 'demo_ledger', {
            splits: flash.ledger.splits, creator: yuan(flash.ledger.creatorFen), mcn: yuan(flash.ledger.mcnFen), platform: yuan(flash.ledger.platformFen), merchant: yuan(flash.ledger.merchantFen),
            posted: yuan(flash.ledger.postedFen), pending: yuan(flash.ledger.pendingFen), refunds: flash.ledger.refunds, refunded: yuan(flash.ledger.refundedFen), voided: flash.ledger.voided,
            clawed: flash.ledger.clawedBack, comp: yuan(flash.ledger.compensationFen), pool: yuan(flash.ledger.fromPoolFen), dir: app.config.dataDir,
            reconciled: msg(lang, flash.ledger.reconciled ? 'demo_ledger_reconciled' : 'demo_ledger_unreconciled'),
          }),
          msg(lang, 'demo_trace', { code: trace.code, size: trace.logSize, dir: app.config.dataDir }),
        ].join('\n'));
        if (opts.serve) {
          serving = true;
          await serveUntilSignal(app, (url) => {
            process.stderr.write(`\n${msg(lang, 'demo_serving', { url })}\n${msg(lang, 'demo_docs', { url: `${url}docs` })}\n${msg(lang, 'demo_trace_url', { url: `${url}trace/${trace.code}` })}\n`);
            process.stderr.write(`${msg(lang, 'demo_keys', { write: writeKey, secret: secretKey })}\n${msg(lang, 'demo_sign_in')}\n${msg(lang, 'demo_stop')}\n\n`);
            if (clock) {
              void runLiveDemo(app, 'demo', clock, speed, (line) => process.stderr.write(`${line}\n`))
                .catch((err: unknown) => app.logger.error({ err }, 'the live replay stopped'));
            }
          });
        }
      } finally {
        if (!serving) await app.close();
      }
    });
}
