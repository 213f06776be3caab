import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config/index.js';
import { createLogger, type Logger } from '../shared/logging/logger.js';
import { systemClock, type Clock } from '../shared/time.js';
import type { SqlDb } from '../storage/sql-db.js';
import { openSqlite } from '../storage/sqlite-db.js';
import { openPostgres } from '../storage/postgres-db.js';
import { EventsService, type EventStore } from '../modules/events/index.js';
import { DuckDbEventStore } from '../modules/events/store/events.duckdb.js';
import { PostgresEventStore } from '../modules/events/store/events.postgres.js';
import { IdentityService } from '../modules/identity/index.js';
import { SqlIdentityStore } from '../modules/identity/store/identity.sql.js';
import { ConsentService } from '../modules/privacy/index.js';
import { SqlConsentStore } from '../modules/privacy/store/consent.sql.js';
import { TenantsService } from '../modules/tenants/index.js';
import { SqlTenantStore } from '../modules/tenants/store/tenants.sql.js';
import { FunnelsService } from '../modules/funnels/index.js';
import { KpiService } from '../modules/kpi/index.js';
import { NotificationsService } from '../modules/notifications/index.js';
import { MonitorService } from '../modules/monitor/index.js';
import { SqlMonitorStore } from '../modules/monitor/store/monitor.sql.js';
import { SqlNotificationsStore } from '../modules/notifications/store/notifications.sql.js';
import { seededRng } from '../shared/random.js';
import { AttributionService } from '../modules/attribution/index.js';
import { PathsService } from '../modules/paths/index.js';
import { RetentionService } from '../modules/retention/index.js';
import { SegmentsService } from '../modules/segments/index.js';
import { AlertsService, defaultRules, detectorConfig } from '../modules/alerts/index.js';
import { SqlAlertsStore } from '../modules/alerts/store/alerts.sql.js';
import { AlertWatcher } from '../flows/watch-alerts.flow.js';
import { deliverAlerts } from '../flows/deliver-alerts.flow.js';
import { AllocationService } from '../modules/allocation/index.js';
import { SqlAllocationStore } from '../modules/allocation/store/allocation.sql.js';
import { RecommendService } from '../modules/recommend/index.js';
import { ExperimentReports, ExperimentsService } from '../modules/experiments/index.js';
import { SqlExperimentsStore } from '../modules/experiments/store/experiments.sql.js';
import type { Rng } from '../shared/random.js';
import { CatalogueService, nearestWarehouseRule, ROUTING_RULES, StockService, type StockStore } from '../modules/inventory/index.js';
import { SqlStockStore } from '../modules/inventory/store/stock.sql.js';
import { RedisStockStore } from '../modules/inventory/store/stock.redis.js';
import { SqlCatalogueStore } from '../modules/inventory/store/catalogue.sql.js';
import { OrdersService } from '../modules/orders/index.js';
import { SqlOrdersStore } from '../modules/orders/store/orders.sql.js';
import { Checkout } from '../flows/place-order.flow.js';
import { OrderEvents } from '../flows/order-events.flow.js';
import { OrderSweeper } from '../flows/order-sweeper.flow.js';
import { TraceService } from '../modules/trace/index.js';
import { SqlTraceStore } from '../modules/trace/store/trace.sql.js';
import { OrderSettlement } from '../flows/settle-orders.flow.js';
import { LedgerService } from '../modules/settlement/index.js';
import { SqlLedgerStore } from '../modules/settlement/store/ledger.sql.js';
import { ComplianceService } from '../modules/compliance/index.js';

/** Every service, wired. The composition root is the only place that picks adapters. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly events: EventsService;
  readonly identity: IdentityService;
  readonly consent: ConsentService;
  readonly tenants: TenantsService;
  readonly funnels: FunnelsService;
  readonly kpi: KpiService;
  readonly notifications: NotificationsService;
  readonly monitor: MonitorService;
  readonly alerts: AlertsService;
  /** The alert evaluation loop's one round (`reelpath serve` runs it every `alerts.evaluateEveryMs`). */
  readonly watcher: AlertWatcher;
  readonly attribution: AttributionService;
  readonly paths: PathsService;
  readonly retention: RetentionService;
  readonly segments: SegmentsService;
  readonly recommend: RecommendService;
  readonly allocation: AllocationService;
  readonly experiments: ExperimentsService;
  readonly experimentReports: ExperimentReports;
  readonly catalogue: CatalogueService;
  readonly stock: StockService;
  readonly orders: OrdersService;
  /** Order placement (inventory + orders): the flash-sale hot path. */
  readonly checkout: Checkout;
  /** Payments, cancels, refunds, timeouts and logistics applied to orders with their stock effects. */
  readonly orderEvents: OrderEvents;
  /** Releases due reservations and compensates missed promises (`reelpath serve` runs it). */
  readonly orderSweeper: OrderSweeper;
  /** The provenance log: batches, the signed Merkle log per tenant, proofs, the audit (`reelpath serve` runs its checkpoint timer). */
  readonly trace: TraceService;
  /** The double-entry commission ledger. */
  readonly ledger: LedgerService;
  /** Advertising-law and sensitive-content checking (lists read from `compliance.listsDir` on first use). */
  readonly compliance: ComplianceService;
  /** Orders → ledger: splits on payment, refunds, refund windows, compensation; posts due splits (`reelpath serve` runs it). */
  readonly settlement: OrderSettlement;
  /** Which engines back the stores, for health output. */
  readonly engines: { readonly events: string; readonly transactional: string; readonly stock: string };
  /** Flushes pending writes and closes every store. */
  close(): Promise<void>;
}

export interface AppOverrides {
  readonly clock?: Clock;
  /**
   * The clock of outbound webhooks (signature timestamps, retry times) when `clock` is not the wall clock:
   * the live demo runs the app on an accelerated clock, but receivers check timestamps against theirs.
   */
  readonly wallClock?: Clock;
  readonly logger?: Logger;
  /** Randomness of exploration and model training (tests fix it; default seeded from the clock). */
  readonly rng?: Rng;
}

/**
 * Builds the application from config: embedded DuckDB + SQLite under `dataDir` by default, or
 * PostgreSQL for every store when `dbUrl` is set. Opens no sockets.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger(config.log.level);
  let sql: SqlDb;
  let eventStore: EventStore;
  if (config.dbUrl) {
    sql = openPostgres(config.dbUrl);
    eventStore = new PostgresEventStore(sql);
  } else {
    sql = openSqlite(join(config.dataDir, 'reelpath.sqlite'), { thread: true });
    eventStore = new DuckDbEventStore(join(config.dataDir, 'events.duckdb'), config.events.duckdbMemoryLimit, { analysisMemoryLimit: config.events.duckdbAnalysisMemoryLimit });
  }
  const tenantStore = new SqlTenantStore(sql);
  const identityStore = new SqlIdentityStore(sql);
  const consentStore = new SqlConsentStore(sql);
  await tenantStore.init();
  await identityStore.init();
  await consentStore.init();
  const notificationStore = new SqlNotificationsStore(sql);
  await notificationStore.init();
  const monitorStore = new SqlMonitorStore(sql);
  await monitorStore.init();
  const alertsStore = new SqlAlertsStore(sql);
  await alertsStore.init();
  const allocationStore = new SqlAllocationStore(sql);
  await eventStore.init();
  const events = new EventsService(eventStore, config.events, clock);
  const identity = new IdentityService(identityStore, config.identity.maxLinksPerClass, clock);
  const consent = new ConsentService(consentStore, clock);
  const tenants = new TenantsService(tenantStore, clock);
  const kpi = new KpiService(events, identity, config.kpi.targets);
  // Retry jitter only: not a security boundary, so a clock-seeded PRNG is enough.
  const notifications = new NotificationsService(notificationStore, overrides.wallClock ?? clock, seededRng(clock.now() >>> 0));
  const monitor = new MonitorService(monitorStore, clock, config.monitor);
  await monitor.warm();
  const rules = defaultRules({ forMs: config.alerts.forMs, keepFiringForMs: config.alerts.keepFiringForMs, dropShare: config.alerts.dropSharePercent / 100 });
  const alerts = new AlertsService(alertsStore, clock, detectorConfig({ rules }));
  await alerts.warm();
  const watcher = new AlertWatcher({ monitor, alerts, clock, logger });
  const delivery = deliverAlerts(alerts, notifications, logger);
  const attribution = new AttributionService(events, identity);
  const paths = new PathsService(events, identity);
  const retention = new RetentionService(events, identity, clock);
  const segments = new SegmentsService(retention, clock);
  // The segment breakdown of funnels: each person's RFM layer (buyers only; everyone else is `(none)`).
  const funnels = new FunnelsService(events, identity, (tenant) => segments.layerMap(tenant));
  // Exploration draws and model initialisation: not a security boundary, a clock-seeded PRNG is enough.
  const rng = overrides.rng ?? seededRng((clock.now() ^ 0x5bd1e995) >>> 0);
  const recommend = new RecommendService(events, (tenant) => identity.resolver(tenant), clock, rng, { refreshMs: config.recommend.refreshMs });
  const allocation = new AllocationService(allocationStore, clock, rng, { refreshMs: config.recommend.refreshMs, flushMs: config.recommend.servedFlushMs });
  await allocation.init();
  const experimentsStore = new SqlExperimentsStore(sql);
  // Exposures are `exposure` events: stored once each (deterministic ids), aggregated where the events are.
  const experiments = new ExperimentsService(experimentsStore, clock, { flushMs: config.experiments.exposureFlushMs, cacheMs: config.experiments.cacheMs }, (batch) => events.store(batch));
  await experiments.init();
  const experimentReports = new ExperimentReports(experiments, events, (tenant) => identity.resolver(tenant), clock);
  const commerce = await openCommerce(config, sql, clock, logger);
  const traceStore = new SqlTraceStore(sql);
  await traceStore.init();
  const trace = new TraceService(traceStore, config.trace, clock, (n) => randomBytes(n));
  let closed = false;
  return {
    config, logger, clock, events, identity, consent, tenants, funnels, kpi, notifications, monitor, alerts, watcher, paths, attribution, retention, segments, recommend, allocation, experiments, experimentReports, ...commerce, trace, compliance: new ComplianceService({ listsDir: config.compliance.listsDir }),
    engines: { events: eventStore.engine, transactional: sql.dialect.name, stock: commerce.stock.engine },
    async close() {
      if (closed) return;
      closed = true;
      delivery.stop();
      await delivery.drain();
      await commerce.orderSweeper.stop();
      await commerce.settlement.stop();
      await commerce.orders.flush();
      await commerce.stock.close();
      await allocation.close();
      await experiments.close();
      await recommend.close();
      await events.flush();
      await monitor.flush();
      await eventStore.close();
      await trace.close();
      await sql.close();
    },
  };
}

/** The commerce side: catalogue, stock (SQL, or Redis when `redisUrl` is set), orders and their flows. */
async function openCommerce(config: Config, sql: SqlDb, clock: Clock, logger: Logger) {
  const stockStore: StockStore = config.redisUrl ? new RedisStockStore(config.redisUrl, { prefix: config.redisPrefix }) : new SqlStockStore(sql);
  await stockStore.init();
  const catalogueStore = new SqlCatalogueStore(sql);
  await catalogueStore.init();
  const ordersStore = new SqlOrdersStore(sql);
  await ordersStore.init();
  const o = config.orders;
  const catalogue = new CatalogueService(catalogueStore, clock, o.cacheMs);
  const stock = new StockService(stockStore, clock, { maxBatch: o.maxBatch, cacheMs: o.cacheMs });
  const orders = new OrdersService(ordersStore, clock, { maxBatch: o.maxBatch, cacheMs: o.cacheMs });
  const checkout = new Checkout({ catalogue, stock, orders, clock, defaults: { paymentTimeoutMs: o.paymentTimeoutMs, shipWithinHours: o.shipWithinHours }, routing: ROUTING_RULES[o.routingRule] ?? nearestWarehouseRule });
  const ledgerStore = new SqlLedgerStore(sql);
  await ledgerStore.init();
  const ledger = new LedgerService(ledgerStore, clock, { refundWindowMs: config.settlement.refundWindowDays * 86_400_000, maxBatch: config.settlement.maxBatch });
  const settlement = new OrderSettlement({ ledger, catalogue, logger });
  const orderEvents = new OrderEvents({ orders, stock, clock, paymentTimeoutMs: o.paymentTimeoutMs, after: (tenant, order, event, t) => settlement.afterTransition(tenant, order, event, t) });
  const orderSweeper = new OrderSweeper({ orders, stock, events: orderEvents, logger, compensate: (done) => settlement.compensate(done) });
  return { catalogue, stock, orders, checkout, orderEvents, orderSweeper, ledger, settlement };
}
