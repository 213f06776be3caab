import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildEventJsonSchema } from './event-schema.js';
import { validateEvent, type ValidationContext } from './event-validate.js';

const ctx: ValidationContext = { tenant: 't1', now: Date.UTC(2026, 0, 1), maxFutureSkewMs: 300_000, maxPastMs: 20 * 365 * 86_400_000, pseudonymise: (_k, v) => `h${v.length}` };
const ajv = new Ajv2020({ strict: false, allErrors: true });
const schemaCheck = ajv.compile(buildEventJsonSchema());
const ts = Date.UTC(2025, 11, 31);

const valid: Record<string, unknown>[] = [
  { eventId: 'e1', name: 'impression', platform: 'douyin', ts, anonymousId: 'a', videoId: 'v1' },
  { eventId: 'e2', name: 'play', platform: 'kuaishou', ts: '2025-12-31T10:00:00Z', openId: 'o', watchMs: 5000, durationMs: 12000 },
  { eventId: 'e3', name: 'pay', platform: 'wechat_channels', ts, buyerId: 'b', orderId: 'o1', amount: 1999, currency: 'CNY', phone: '13800000000' },
  { eventId: 'e4', name: 'consent', platform: 'web', ts, anonymousId: 'a', consent: { marketing: false } },
  { eventId: 'e5', name: 'add_to_cart', platform: 'tiktok', ts, userId: 'u', productId: 'p', properties: { coupon: 'X' }, extra: 1 },
];
const invalid: Record<string, unknown>[] = [
  { name: 'play', platform: 'douyin', ts, anonymousId: 'a' },
  { eventId: 'x', name: 'teleport', platform: 'douyin', ts, anonymousId: 'a' },
  { eventId: 'x', name: 'pay', platform: 'douyin', ts, anonymousId: 'a', orderId: 'o', amount: 19.99, currency: 'CNY' },
  { eventId: 'x', name: 'pay', platform: 'douyin', ts, anonymousId: 'a', orderId: 'o' },
  { eventId: 'x', name: 'play', platform: 'myspace', ts, anonymousId: 'a' },
  { eventId: 'x', name: 'play', platform: 'douyin', ts },
  { eventId: 'x', name: 'product_click', platform: 'douyin', ts, anonymousId: 'a' },
  { eventId: 'x', name: 'consent', platform: 'douyin', ts, anonymousId: 'a', consent: { telepathy: true } },
];

describe('exported JSON Schema agrees with the edge validator', () => {
  it.each(valid.map((e) => [e.eventId, e]))('accepts %s in both', (_id, e) => {
    expect(validateEvent(e, ctx).ok).toBe(true);
    expect(schemaCheck(e), JSON.stringify(schemaCheck.errors)).toBe(true);
  });
  it.each(invalid.map((e, i) => [i, e]))('rejects invalid case %s in both', (_i, e) => {
    expect(validateEvent(e, ctx).ok).toBe(false);
    expect(schemaCheck(e)).toBe(false);
  });
  it('is versioned', () => {
    expect(buildEventJsonSchema().$id).toMatch(/v1\.json$/);
  });
});
