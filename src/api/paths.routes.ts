import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors/index.js';
import { parseDuration } from '../shared/time.js';
import type { App } from '../app/app.js';
import type { DecisionDimension } from '../modules/paths/index.js';
import { principalOf, requireKey } from './auth.js';
import { booleanParam, listParam, timeParam } from './query-params.js';

const DIMENSIONS = 'platform, creatorId, videoId, liveId, productId, categoryId or priceBand';

function intParam(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new AppError('paths_invalid_limit', `${name}=${value} is not a whole number`);
  return Number(value);
}

const str = (description: string) => ({ type: 'string', description });
const range = { from: str('Events at or after (epoch ms or ISO-8601)'), to: str('Events before (epoch ms or ISO-8601)') };

type PathsQuery = { start?: string; end?: string; depth?: string; top?: string; collapse?: string; window?: string; session?: string; events?: string; from?: string; to?: string };
type DecisionQuery = { start?: string; end?: string; by?: string; from?: string; to?: string };
type LengthQuery = { end?: string; from?: string; to?: string; compareFrom?: string; compareTo?: string };

/** User paths, decision time and steps to purchase (module `paths`). */
export function registerPathRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: PathsQuery }>('/v1/paths', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Top user paths after a start event or before an end event, exact person counts, Sankey nodes and links',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        start: str('Anchor: paths after the first occurrence of this event (give start or end)'),
        end: str('Anchor: paths before the first occurrence of this event (give start or end)'),
        depth: str('Steps per path, the anchor included, 1-20 (default 5)'),
        top: str('Complete paths listed and prefixes kept per Sankey depth, 1-100 (default 10)'),
        collapse: str('Collapse consecutive repeats of an event: true (default) or false'),
        window: str('Only events within this duration of the anchor, e.g. 30m, 24h (default: no limit)'),
        session: str('Only events of the anchor\'s session: true or false (default)'),
        events: str('Comma-separated event names a path may contain (default: the eight funnel nodes)'),
        ...range,
      } },
    },
  }, async (request) => {
    const q = request.query;
    let windowMs: number | undefined;
    if (q.window !== undefined && q.window !== '') {
      windowMs = parseDuration(q.window);
      if (windowMs === undefined) throw new AppError('paths_invalid_window', `window ${q.window} is not a duration like 30m, 24h or 7d`);
    }
    return app.paths.paths({
      tenant: principalOf(request).tenant.id,
      start: q.start || undefined, end: q.end || undefined,
      depth: intParam('depth', q.depth, 5), top: intParam('top', q.top, 10),
      collapse: booleanParam('collapse', q.collapse) ?? true, session: booleanParam('session', q.session) ?? false,
      windowMs, events: listParam(q.events), from: timeParam('from', q.from), to: timeParam('to', q.to),
    });
  });

  server.get<{ Querystring: DecisionQuery }>('/v1/decision-time', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Decision time from the first start event to the next end event per person: p50, p90, mean, histogram, optional breakdown',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        start: str('Start event (default product_click)'), end: str('End event (default pay)'),
        by: str(`Breakdown by the start event's ${DIMENSIONS}`), ...range,
      } },
    },
  }, async (request) => {
    const q = request.query;
    return app.paths.decisionTime({
      tenant: principalOf(request).tenant.id, start: q.start || 'product_click', end: q.end || 'pay',
      by: (q.by || undefined) as DecisionDimension | undefined, from: timeParam('from', q.from), to: timeParam('to', q.to),
    });
  });

  server.get<{ Querystring: LengthQuery }>('/v1/path-length', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Steps buyers take from first touch to payment (consecutive repeats collapsed): distribution and median, optionally against a baseline range',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        end: str('Purchase event (default pay)'), ...range,
        compareFrom: str('Baseline range start (epoch ms or ISO-8601); give with compareTo'),
        compareTo: str('Baseline range end (epoch ms or ISO-8601); give with compareFrom'),
      } },
    },
  }, async (request) => {
    const q = request.query;
    return app.paths.pathLength({
      tenant: principalOf(request).tenant.id, end: q.end || undefined,
      from: timeParam('from', q.from), to: timeParam('to', q.to),
      compareFrom: timeParam('compareFrom', q.compareFrom), compareTo: timeParam('compareTo', q.compareTo),
    });
  });
}
