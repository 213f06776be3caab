import type { App } from '../app/app.js';
import { buildServer } from '../api/server.js';
import { AppError } from '../shared/errors/index.js';
import { msg } from './messages.js';

/**
 * Listens on the configured host and port and runs until SIGINT/SIGTERM, then shuts down gracefully:
 * stop accepting, finish in-flight requests, flush accepted events, close the stores.
 */
export async function serveUntilSignal(app: App, onListening: (url: string) => void): Promise<void> {
  // This process owns the order hot path: reservations a stopped process left without an order are
  // released before any new order is taken; then due reservations and missed promises are swept.
  await app.orderSweeper.recover();
  app.orderSweeper.start(app.config.orders.sweepEveryMs);
  // The provenance logs get a signed checkpoint at least every `trace.checkpointEveryMs` while they grow.
  app.trace.start((err, tenant) => app.logger.warn({ err, tenant }, 'trace checkpoint failed; the next round retries'));
  app.settlement.start(app.config.settlement.settleEveryMs);
  const server = await buildServer(app);
  let address: string;
  try {
    address = await server.listen({ host: app.config.api.host, port: app.config.api.port });
  } catch (err) {
    await app.close();
    if ((err as { code?: string }).code === 'EADDRINUSE') {
      throw new AppError('cli_port_in_use', `port ${app.config.api.port} on ${app.config.api.host} is already in use`, { cause: err });
    }
    throw err;
  }
  const url = `${address.replace('[::1]', 'localhost')}/`;
  onListening(url);
  // Background work while serving (a short-lived CLI command does none of it): webhook retries fall due,
  // and the live per-minute counts are persisted; minutes beyond the monitor's history are pruned. The
  // next round is armed only when this one has settled, so a slow webhook is never sent twice at once.
  let background: NodeJS.Timeout | undefined;
  const round = async (): Promise<void> => {
    await app.notifications.runDue().catch((err: unknown) => app.logger.warn({ err }, 'webhook retries failed; they stay due'));
    await app.monitor.flush().catch((err: unknown) => app.logger.warn({ err }, 'monitor flush failed; the counts stay unsaved until the next one'));
  };
  const arm = (): void => { background = setTimeout(() => { void round().then(() => { if (background) arm(); }); }, 5_000); };
  arm();
  // The alert rules run on the current, partial minute every `alerts.evaluateEveryMs`, one round at a time.
  let watching: NodeJS.Timeout | undefined;
  const watch = (): void => {
    watching = setTimeout(() => {
      void app.watcher.tick().catch((err: unknown) => app.logger.warn({ err }, 'alert evaluation failed; the next round retries'))
        .then(() => { if (watching) watch(); });
    }, app.config.alerts.evaluateEveryMs);
  };
  watch();
  // Recommendation models: built for every tenant at start (so a first request does not wait for the
  // training), then retrained every `recommend.rebuildEveryMs`, one shop after another.
  let retraining: NodeJS.Timeout | undefined;
  const retrain = async (tenants: readonly string[]): Promise<void> => {
    for (const t of tenants) await app.recommend.rebuild(t).catch((err: unknown) => app.logger.warn({ err, tenant: t }, 'recommendation rebuild failed; the previous models stay in use'));
  };
  const rearm = (): void => {
    retraining = setTimeout(() => { void retrain(app.recommend.tenants()).then(() => { if (retraining) rearm(); }); }, app.config.recommend.rebuildEveryMs);
  };
  void app.tenants.listTenants().then((list) => retrain(list.map((t) => t.id))).catch((err: unknown) => app.logger.warn({ err }, 'recommendation warm-up failed'));
  rearm();
  app.monitor.prune().catch((err: unknown) => app.logger.warn({ err }, 'monitor prune failed'));
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      clearTimeout(background);
      background = undefined;
      clearTimeout(watching);
      watching = undefined;
      clearTimeout(retraining);
      retraining = undefined;
      process.stderr.write(`${msg(app.config.lang, 'serve_stopping')}\n`);
      void server.close().then(() => app.close()).then(resolve, (err: unknown) => {
        app.logger.error({ err }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
