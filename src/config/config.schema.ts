/**
 * The one config schema: every setting with its type, default, environment variable and description.
 * docs/config.md is generated from this table (a test keeps it in sync).
 */
export type SettingType = 'string' | 'int' | 'enum' | 'bool';

export interface Setting {
  readonly key: string;
  readonly type: SettingType;
  readonly default: string | number | boolean | undefined;
  readonly env: string;
  readonly description: string;
  readonly secret?: boolean;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

export const SETTINGS: readonly Setting[] = [
  { key: 'dataDir', type: 'string', default: '.reelpath', env: 'REELPATH_DATA', description: 'Folder of the embedded stores (DuckDB events, SQLite transactional data).' },
  { key: 'datasetsDir', type: 'string', default: '../shared/data', env: 'REELPATH_DATA_DIR', description: 'Folder of the public reference datasets (KuaiRec captions for the demo catalogue, test data).' },
  { key: 'dbUrl', type: 'string', default: undefined, env: 'REELPATH_DB_URL', secret: true, description: 'When set to postgres://…, every store runs on PostgreSQL instead of the embedded engines.' },
  { key: 'redisUrl', type: 'string', default: undefined, env: 'REELPATH_REDIS_URL', secret: true, description: 'When set to redis://…, stock counters and reservations (the flash-sale hot path) run on Redis with atomic Lua scripts; orders stay in the transactional store (docs/adr/0014).' },
  { key: 'redisPrefix', type: 'string', default: 'rp:', env: 'REELPATH_REDIS_PREFIX', description: 'Prefix of every Redis key Reelpath writes (several installs can share one Redis).' },
  { key: 'api.host', type: 'string', default: '127.0.0.1', env: 'REELPATH_HOST', description: 'Address the HTTP API listens on.' },
  { key: 'api.port', type: 'int', default: 7420, env: 'REELPATH_PORT', min: 0, max: 65535, description: 'Port the HTTP API listens on (0 picks a free port).' },
  { key: 'api.bodyLimitBytes', type: 'int', default: 16 * 1024 * 1024, env: 'REELPATH_BODY_LIMIT', min: 1024, description: 'Largest request body accepted, after gzip decoding.' },
  { key: 'api.adminToken', type: 'string', default: undefined, env: 'REELPATH_ADMIN_TOKEN', secret: true, description: 'Bearer token for tenant administration (POST /v1/tenants). Unset: tenant admin over HTTP is off.' },
  { key: 'events.maxBatchSize', type: 'int', default: 5000, env: 'REELPATH_MAX_BATCH', min: 1, description: 'Most events one ingestion request may carry.' },
  { key: 'events.maxFutureSkewMs', type: 'int', default: 300_000, env: 'REELPATH_MAX_FUTURE_SKEW_MS', min: 0, description: 'How far in the future (ms) an event timestamp may lie before it is refused.' },
  { key: 'events.maxPastMs', type: 'int', default: 20 * 365 * 86_400_000, env: 'REELPATH_MAX_PAST_MS', min: 0, description: 'How far in the past (ms) an event timestamp may lie (historical imports need years).' },
  { key: 'events.duckdbMemoryLimit', type: 'string', default: '256MB', env: 'REELPATH_DUCKDB_MEMORY', description: 'DuckDB memory_limit for the embedded event store.' },
  { key: 'events.duckdbAnalysisMemoryLimit', type: 'string', default: '2GB', env: 'REELPATH_DUCKDB_ANALYSIS_MEMORY', description: 'DuckDB memory_limit while an experiment report runs in the embedded event store (it groups every exposed person at once; 1 million persons need about 1 GB).' },
  { key: 'identity.maxLinksPerClass', type: 'int', default: 5, env: 'REELPATH_IDENTITY_CAP', min: 1, description: 'Identity link cap: one identifier may link at most this many identifiers of any one class (kind + platform, e.g. openid:douyin); a link beyond it is refused and recorded, not merged (docs/adr/0005).' },
  { key: 'kpi.targets', type: 'string', default: '', env: 'REELPATH_KPI_TARGETS', description: 'KPI radar targets overriding the defaults, e.g. `ctr=0.12,clickToPay=0.08,gpm=500` (keys: ctr, playToClick, clickToPay, repurchaseRate, decisionMinutes, refundRate, fulfilmentHours, gpm).' },
  { key: 'monitor.latenessMs', type: 'int', default: 300_000, env: 'REELPATH_MONITOR_LATENESS_MS', min: 0, max: 10_800_000, description: 'Live monitoring: events up to this late (ms, event time) still correct their minute; older ones are left to analysis only.' },
  { key: 'monitor.retentionMs', type: 'int', default: 10_800_000, env: 'REELPATH_MONITOR_RETENTION_MS', min: 60_000, description: 'Live monitoring: minutes kept in memory (ms) for the live board and the alert loop; older minutes are read from the store.' },
  { key: 'monitor.maxScopesPerTenant', type: 'int', default: 5_000, env: 'REELPATH_MONITOR_MAX_SCOPES', min: 1, description: 'Live monitoring: creator and live-session scopes tracked per tenant at once (memory bound); `all` and platform scopes always count.' },
  { key: 'alerts.forMs', type: 'int', default: 120_000, env: 'REELPATH_ALERTS_FOR_MS', min: 0, description: 'How long (ms) a rule must breach before its alert fires and its webhook is sent (Prometheus `for`); 0 fires at the first significant breach. Under a minute raises false alarms (BENCHMARKS.md, detector tests).' },
  { key: 'alerts.keepFiringForMs', type: 'int', default: 120_000, env: 'REELPATH_ALERTS_KEEP_FIRING_MS', min: 0, description: 'How long (ms) a firing alert must stay clear before it resolves (Prometheus `keep_firing_for`), so it does not flap.' },
  { key: 'alerts.dropSharePercent', type: 'int', default: 20, env: 'REELPATH_ALERTS_DROP_PERCENT', min: 1, max: 99, description: 'A rule breaches when its metric falls more than this share (%) below its baseline — and the fall is statistically significant for the volume seen (one-sided p < 0.01).' },
  { key: 'alerts.evaluateEveryMs', type: 'int', default: 1_000, env: 'REELPATH_ALERTS_EVERY_MS', min: 100, description: 'How often (ms) `reelpath serve` evaluates the alert rules on the current, partial minute.' },
  { key: 'recommend.refreshMs', type: 'int', default: 2_000, env: 'REELPATH_RECOMMEND_REFRESH_MS', min: 100, description: 'Recommendation: most often (ms) a shop\'s item statistics, scoring table and exploration shares are recomputed while new events arrive. A person\'s own new events count at once.' },
  { key: 'recommend.rebuildEveryMs', type: 'int', default: 600_000, env: 'REELPATH_RECOMMEND_REBUILD_MS', min: 10_000, description: 'Recommendation: how often (ms) `reelpath serve` retrains a shop\'s models (co-occurrence and the learned model) from the event store.' },
  { key: 'recommend.servedFlushMs', type: 'int', default: 1_000, env: 'REELPATH_RECOMMEND_FLUSH_MS', min: 50, description: 'Recommendation: how often (ms) served slates and their propensities are written to the log used for off-policy evaluation.' },
  { key: 'experiments.exposureFlushMs', type: 'int', default: 1_000, env: 'REELPATH_EXPERIMENTS_FLUSH_MS', min: 50, description: 'Experiments: how often (ms) exposures recorded by assignment are written (each is stored once per person and experiment).' },
  { key: 'experiments.cacheMs', type: 'int', default: 5_000, env: 'REELPATH_EXPERIMENTS_CACHE_MS', min: 0, description: 'Experiments: how long (ms) assignment reuses a tenant\'s experiment and flag definitions; changes made through this process apply at once, changes made by another process after at most this long.' },
  { key: 'orders.paymentTimeoutMs', type: 'int', default: 900_000, env: 'REELPATH_PAYMENT_TIMEOUT_MS', min: 60_000, max: 86_400_000, description: 'Orders: how long (ms) an unpaid order holds its units before they are released (a sale may set its own).' },
  { key: 'orders.shipWithinHours', type: 'int', default: 48, env: 'REELPATH_SHIP_WITHIN_HOURS', min: 1, max: 720, description: 'Orders: the ship-by promise (hours after payment) of orders outside a sale; a breach is compensated once, automatically.' },
  { key: 'orders.sweepEveryMs', type: 'int', default: 250, env: 'REELPATH_ORDERS_SWEEP_MS', min: 50, max: 1_000, description: 'Orders: how often (ms) `reelpath serve` releases reservations past their payment deadline and compensates missed ship-by promises (≤ 1 s keeps the one-second release promise).' },
  { key: 'orders.maxBatch', type: 'int', default: 1_000, env: 'REELPATH_ORDERS_MAX_BATCH', min: 1, max: 10_000, description: 'Orders: most reservations or orders written in one transaction (group commit of the hot path).' },
  { key: 'orders.routingRule', type: 'enum', default: 'nearest', env: 'REELPATH_ROUTING_RULE', values: ['nearest', 'lowest_id'], description: 'Orders: how an order picks its warehouse — `nearest` (great-circle distance from the destination; whole order from one warehouse, split only when the order allows) or `lowest_id` (a fixed warehouse order); more rules plug in as `RoutingRule`s.' },
  { key: 'orders.cacheMs', type: 'int', default: 1_000, env: 'REELPATH_ORDERS_CACHE_MS', min: 0, description: 'Orders: how long (ms) the catalogue, sales and idle stock levels read from the store are reused; changes through this process apply at once.' },
  { key: 'settlement.refundWindowDays', type: 'int', default: 7, env: 'REELPATH_REFUND_WINDOW_DAYS', min: 0, max: 90, description: 'Settlement: days after delivery during which a buyer may still be refunded; an order\'s commission legs stay pending until then, and are posted when it closes (docs/adr/0015).' },
  { key: 'settlement.settleEveryMs', type: 'int', default: 1_000, env: 'REELPATH_SETTLE_EVERY_MS', min: 50, max: 60_000, description: 'Settlement: how often (ms) `reelpath serve` posts the commission legs of orders whose refund window closed, recovers receivables and pays compensation still owed.' },
  { key: 'settlement.maxBatch', type: 'int', default: 2_000, env: 'REELPATH_SETTLEMENT_MAX_BATCH', min: 1, max: 20_000, description: 'Settlement: most transfers written in one transaction (group commit of the ledger).' },
  { key: 'trace.logName', type: 'string', default: 'reelpath', env: 'REELPATH_TRACE_LOG_NAME', description: 'Provenance log: the name each tenant\'s log origin starts with (`<logName>/<tenant>`) and the Ed25519 key name on its signed checkpoints; set it to your public host name.' },
  { key: 'trace.checkpointEveryMs', type: 'int', default: 60_000, env: 'REELPATH_TRACE_CHECKPOINT_MS', min: 1_000, max: 60_000, description: 'Provenance log: a signed checkpoint is made on every appended batch and at least this often (ms) while entries arrive.' },
  { key: 'trace.maxBatch', type: 'int', default: 5_000, env: 'REELPATH_TRACE_MAX_BATCH', min: 1, max: 50_000, description: 'Provenance log: most entries appended in one transaction (group commit).' },
  { key: 'compliance.listsDir', type: 'string', default: '../shared/data', env: 'REELPATH_COMPLIANCE_LISTS', description: 'Compliance checker: the folder holding the word lists, read at run time (`cn-adlaw-banned-words/adlaw_limit_words.txt`, `cn-sensitive-lexicon/Vocabulary/*.txt`); relative paths are from the working directory. Their file names and SHA-256 are shown with every check\'s provenance.' },
  { key: 'log.level', type: 'enum', default: 'info', env: 'REELPATH_LOG_LEVEL', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], description: 'Structured log level (logs go to stderr).' },
  { key: 'lang', type: 'enum', default: 'auto', env: 'REELPATH_LANG', values: ['auto', 'zh', 'en'], description: 'Language of CLI messages and reports; auto follows LC_ALL, LC_MESSAGES or LANG (zh_* → Chinese).' },
];
