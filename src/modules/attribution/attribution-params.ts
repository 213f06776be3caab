import { AppError } from '../../shared/errors/index.js';
import { parseDuration } from '../../shared/time.js';
import type { AttributionRequest } from './attribution.service.js';

/** The options as text, the way the query string and the CLI flags carry them. */
export interface AttributionParams {
  model?: string | undefined;
  by?: string | undefined;
  order?: string | undefined;
  collapseRepeats?: string | undefined;
  clickWindow?: string | undefined;
  viewWindow?: string | undefined;
  halfLife?: string | undefined;
}

function duration(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) throw new AppError('attribution_invalid_option', `${name}=${text} is not a duration such as 12h, 1d or 7d`);
  return ms;
}

/**
 * Reads text options into a request (without tenant and time range): `order` an integer, durations
 * like `7d`, `collapseRepeats` true/false/1/0. Throws `attribution_invalid_option`; the model itself
 * is checked by the service. Defaults: model markov, by platform.
 */
export function readAttributionParams(p: AttributionParams): Omit<AttributionRequest, 'tenant' | 'from' | 'to'> {
  let order: number | undefined;
  if (p.order !== undefined && p.order !== '') {
    if (!/^\d+$/.test(p.order)) throw new AppError('attribution_invalid_option', `order=${p.order} is not an integer from 1 to 4`);
    order = Number(p.order);
  }
  let collapseRepeats: boolean | undefined;
  if (p.collapseRepeats !== undefined && p.collapseRepeats !== '') {
    if (!['true', 'false', '1', '0'].includes(p.collapseRepeats)) throw new AppError('attribution_invalid_option', `collapseRepeats=${p.collapseRepeats} must be true or false`);
    collapseRepeats = p.collapseRepeats === 'true' || p.collapseRepeats === '1';
  }
  return {
    model: p.model ?? 'markov', by: p.by, order, collapseRepeats,
    clickWindowMs: duration('clickWindow', p.clickWindow), viewWindowMs: duration('viewWindow', p.viewWindow), halfLifeMs: duration('halfLife', p.halfLife),
  };
}
