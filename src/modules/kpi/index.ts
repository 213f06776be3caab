export { KpiService, type RadarRequest, type RadarResult } from './kpi.service.js';
export {
  computeKpis, scoreKpis, KPI_KEYS, KPI_LABELS, KPI_DIRECTION, DEFAULT_KPI_TARGETS,
  type KpiKey, type KpiEvent, type KpiValues, type KpiIndicator,
} from './domain/kpi-indicators.js';
export { parseKpiTargets } from './domain/kpi-targets.js';
