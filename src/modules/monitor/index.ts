export { MonitorService, DEFAULT_HISTORY_MS, type MonitorConfig } from './monitor.service.js';
export type { MonitorStore } from './monitor.store.js';
export {
  MinuteBuckets, DEFAULT_MONITOR_OPTIONS,
  type MinuteBucketOptions, type MonitorEvent, type AddOutcome, type MonitorStats, type DirtyBucket,
} from './domain/minute-buckets.js';
export {
  CONVERSIONS, SCOPE_ALL, MINUTE_MS, floorMinute, scopeOf, parseScope,
  type MinuteBucket, type SeriesPoint, type FunnelCounts, type ConversionKey, type ScopeKind,
} from './domain/monitor-series.js';
export type { LiveSession } from './domain/live-sessions.js';
export type { StockSignal } from './domain/stock-levels.js';
