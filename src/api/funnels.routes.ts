import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors/index.js';
import { parseDuration } from '../shared/time.js';
import type { App } from '../app/app.js';
import { FUNNEL_NODES } from '../modules/events/index.js';
import { parseExclusions, type FunnelCount, type FunnelDimension, type FunnelExclusion, type FunnelMode, type FunnelRequest, type FunnelStep, type WindowFrom } from '../modules/funnels/index.js';
import { principalOf, requireKey } from './auth.js';
import { booleanParam, listParam, timeParam } from './query-params.js';

interface FunnelQuery {
  steps?: string; window?: string; windowFrom?: string; mode?: string; count?: string; by?: string;
  value?: string; nextEvents?: string; exclude?: string; from?: string; to?: string;
}

/** The body of `POST /v1/funnel`: the query's options, with steps as full definitions. */
interface FunnelBody {
  steps?: (string | FunnelStep)[]; window?: string; windowFrom?: WindowFrom; mode?: FunnelMode; count?: FunnelCount;
  by?: FunnelDimension | FunnelDimension[]; value?: boolean; nextEvents?: number; exclusions?: FunnelExclusion[]; from?: string; to?: string;
}

function windowOf(text: string | undefined): number {
  const windowMs = parseDuration(text ?? '24h');
  if (windowMs === undefined) throw new AppError('funnels_invalid_window', `window ${text} is not a duration like 30m, 24h or 7d`);
  return windowMs;
}

const description = {
  steps: 'Comma-separated event names; default the eight funnel nodes',
  window: 'Window, e.g. 30m, 24h, 7d (default 24h)',
  windowFrom: 'first_step (default) or previous_step',
  mode: 'default (ClickHouse windowFunnel), strict_order, strict_increase or any_order',
  count: 'persons (default), sessions or conversions',
  by: 'Comma-separated breakdowns: platform, creatorId, videoId, liveId, productId, categoryId, priceBand, variantId, segment',
  value: 'true: conversion value (GMV of the last step net of refunds)',
  nextEvents: 'How many most-common next events to list for drop-offs (0–20, default 3)',
  exclude: 'Exclusion steps: event or event:from-to (1-based steps), comma-separated',
};

/** Funnels: `GET /v1/funnel` with query options, `POST /v1/funnel` with full step definitions. */
export function registerFunnelRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: FunnelQuery }>('/v1/funnel', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Funnel over persons, sessions or conversions (ClickHouse windowFunnel semantics by default), breakdowns, value',
      tags: ['analytics'],
      querystring: { type: 'object', properties: { ...Object.fromEntries(Object.entries(description).map(([k, d]) => [k, { type: 'string', description: d }])), from: { type: 'string' }, to: { type: 'string' } } },
    },
  }, async (request) => {
    const q = request.query;
    const nextEvents = q.nextEvents === undefined ? undefined : Number(q.nextEvents);
    const req: FunnelRequest = {
      tenant: principalOf(request).tenant.id,
      steps: listParam(q.steps) ?? [...FUNNEL_NODES],
      windowMs: windowOf(q.window),
      windowFrom: q.windowFrom as WindowFrom | undefined,
      mode: q.mode as FunnelMode | undefined,
      count: q.count as FunnelCount | undefined,
      by: listParam(q.by) as FunnelDimension[] | undefined,
      value: booleanParam('value', q.value),
      nextEvents,
      exclusions: parseExclusions(q.exclude),
      from: timeParam('from', q.from),
      to: timeParam('to', q.to),
    };
    return app.funnels.run(req);
  });

  server.post<{ Body: FunnelBody }>('/v1/funnel', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Funnel with full step definitions (property filters such as watchRatio ≥ 0.5, per-step min/max gaps)',
      tags: ['analytics'],
      body: { type: 'object', properties: {
        steps: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object', required: ['event'], properties: {
          event: { type: 'string' }, minGapMs: { type: 'integer' }, maxGapMs: { type: 'integer' },
          where: { type: 'array', items: { type: 'object', required: ['field', 'op', 'value'], properties: { field: { type: 'string' }, op: { type: 'string' }, value: {} } } },
        } }] } },
        window: { type: 'string' }, windowFrom: { type: 'string' }, mode: { type: 'string' }, count: { type: 'string' },
        by: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, value: { type: 'boolean' }, nextEvents: { type: 'integer' },
        exclusions: { type: 'array', items: { type: 'object', required: ['event'], properties: { event: { type: 'string' }, fromStep: { type: 'integer' }, toStep: { type: 'integer' } } } },
        from: { type: 'string' }, to: { type: 'string' },
      } },
    },
  }, async (request) => {
    const b = request.body ?? {};
    return app.funnels.run({
      tenant: principalOf(request).tenant.id,
      steps: b.steps ?? [...FUNNEL_NODES], windowMs: windowOf(b.window), windowFrom: b.windowFrom, mode: b.mode, count: b.count,
      by: b.by, value: b.value, nextEvents: b.nextEvents, exclusions: b.exclusions, from: timeParam('from', b.from), to: timeParam('to', b.to),
    });
  });
}
