import { AppError } from '../../../shared/errors/index.js';
import { KPI_KEYS, type KpiKey } from './kpi-indicators.js';

/** Parses `ctr=0.12,gpm=500` into targets; throws `kpi_invalid_target` naming the bad item. Empty text gives none. */
export function parseKpiTargets(text: string | undefined): Partial<Record<KpiKey, number>> {
  const out: Partial<Record<KpiKey, number>> = {};
  for (const item of (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, raw] = item.split('=').map((s) => s.trim());
    const value = Number(raw);
    if (!(KPI_KEYS as readonly string[]).includes(key ?? '') || raw === undefined || raw === '' || !Number.isFinite(value) || value <= 0) {
      throw new AppError('kpi_invalid_target', `KPI target ${item} is not key=positive number with a key among ${KPI_KEYS.join(', ')}`);
    }
    out[key as KpiKey] = value;
  }
  return out;
}
