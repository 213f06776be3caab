export {
  KpiService, type RadarRequest, type RadarResult,
} from './kpi.service.js';
export {
  type KpiKey, type KpiEvent, type KpiValues, type KpiIndicator,
} from './domain/kpi-indicators.js';
