import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../events/index.js';
import { checkCanonicalColumns, createCanonicalCsvMapper, mapCanonicalRecord } from './canonical-record.js';
import { mapNdjsonLine } from './ndjson.js';

const ctx = { tenant: 't1', now: Date.UTC(2030, 0, 1), maxFutureSkewMs: 300_000, maxPastMs: 20 * 365 * 86_400_000, pseudonymise: (_k: string, v: string) => `h${v.length}` };

describe('canonical CSV mapper', () => {
  const header = ['eventId', 'name', 'platform', 'ts', 'anonymousId', 'productId', 'amount', 'currency', 'quantity', 'coupon', 'properties.source', 'properties'];
  const binding = createCanonicalCsvMapper(header);
  if (!binding.ok) throw new Error(binding.reason);

  it('parses integers, keeps canonical fields on top and moves the rest to properties', () => {
    const out = binding.map(['e1', 'pay', 'douyin', '1700000000000', 'a1', 'p1', '1999', 'CNY', '2', 'SPRING', 'live', '{"roomTitle":"x"}'], 2);
    expect(out).toEqual({
      ok: true,
      event: {
        eventId: 'e1', name: 'pay', platform: 'douyin', ts: 1_700_000_000_000, anonymousId: 'a1', productId: 'p1', amount: 1999, currency: 'CNY',
        quantity: 2, properties: { roomTitle: 'x', coupon: 'SPRING', source: 'live' },
      },
    });
  });

  it('leaves empty cells out, keeps ISO time as text and synthesises a missing eventId', () => {
    const out = binding.map(['', 'detail_view', 'web', '2024-05-01T10:00:00Z', 'a1', 'p1', '', '', '', '', '', ''], 9);
    expect(out.ok && out.event).toEqual({ eventId: expect.stringMatching(/^csv_9_/), name: 'detail_view', platform: 'web', ts: '2024-05-01T10:00:00Z', anonymousId: 'a1', productId: 'p1', properties: {} });
    expect(out.ok && validateEvent(out.event, ctx).ok).toBe(true);
  });

  it('rejects non-integer money and bad JSON as row errors', () => {
    expect(binding.map(['e1', 'pay', 'web', '1', 'a', 'p', '19.99', 'CNY', '', '', '', ''], 3)).toMatchObject({ ok: false, code: 'import_bad_row', reason: 'amount "19.99" is not an integer' });
    expect(binding.map(['e1', 'pay', 'web', '1', 'a', 'p', '', '', '', '', '', '{oops'], 3)).toMatchObject({ ok: false, reason: 'properties is not valid JSON' });
    expect(binding.map(['e1', '', 'web', '1', 'a', 'p', '', '', '', '', '', ''], 3)).toMatchObject({ ok: false, reason: 'the event name is empty' });
  });

  it('checks the header', () => {
    expect(checkCanonicalColumns(['eventId', 'ts'])).toContain('name');
    expect(checkCanonicalColumns(['name', 'name'])).toContain('twice');
    expect(createCanonicalCsvMapper(['name', ''])).toMatchObject({ ok: false, code: 'import_bad_header' });
  });

  it('accepts typed values from parquet as they are', () => {
    const out = mapCanonicalRecord({ name: 'play', platform: 'kuaishou', ts: 1_700_000_000_000, openId: 'o1', watchMs: 3000, consent: { analytics: true }, flag: true }, 4, () => 'fallback');
    expect(out).toEqual({ ok: true, event: { name: 'play', platform: 'kuaishou', ts: 1_700_000_000_000, openId: 'o1', watchMs: 3000, consent: { analytics: true }, eventId: 'fallback', properties: { flag: true } } });
  });
});

describe('NDJSON mapper', () => {
  it('passes an object through and synthesises a missing eventId', () => {
    expect(mapNdjsonLine('{"eventId":"e1","name":"like","platform":"web","ts":1,"anonymousId":"a"}', 1)).toEqual({ ok: true, event: { eventId: 'e1', name: 'like', platform: 'web', ts: 1, anonymousId: 'a' } });
    const out = mapNdjsonLine('{"name":"like"}', 4);
    expect(out.ok && out.event.eventId).toMatch(/^ndjson_4_/);
  });

  it('reports a malformed line and a non-object', () => {
    expect(mapNdjsonLine('{"name":', 3)).toMatchObject({ ok: false, code: 'events_malformed_line', reason: expect.stringContaining('line 3') });
    expect(mapNdjsonLine('[1,2]', 5)).toMatchObject({ ok: false, code: 'events_not_object' });
  });
});
