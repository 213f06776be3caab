import type { AnalysisRow } from '../../src/modules/events/index.js';

/** Builds an analysis row (what `EventsService.scanAnalysisRows` returns) with null dimensions; override any field. */
export function anAnalysisRow(identityKey: string, name: string, ts: number, overrides: Partial<AnalysisRow> = {}): AnalysisRow {
  return {
    identityKey, name, ts, platform: 'douyin', creatorId: null, videoId: null, liveId: null, productId: null,
    categoryId: null, priceBand: null, amount: null, sessionId: null, orderId: null, ...overrides,
  };
}

/** Golden-case rows `{key: [[name, ts, sessionId?], …]}` → analysis rows, keys in order. */
export function rowsFromCase(rows: Record<string, (string | number)[][]>, field: 'sessionId' | 'platform' = 'sessionId'): AnalysisRow[] {
  return Object.entries(rows).flatMap(([key, events]) => events.map(([name, ts, extra]) =>
    anAnalysisRow(key, name as string, ts as number, extra === undefined ? {} : { [field]: String(extra) })));
}
