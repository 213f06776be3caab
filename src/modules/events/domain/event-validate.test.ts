import { describe, expect, it } from 'vitest';
import { normalisePhone, validateEvent, type ValidationContext } from './event-validate.js';
import { identityKeysOf, parseIdentityKey, primaryIdentityKey } from './identity-keys.js';

const now = Date.UTC(2026, 5, 1);
const ctx: ValidationContext = { tenant: 't1', now, maxFutureSkewMs: 300_000, maxPastMs: 86_400_000, pseudonymise: (k, v) => `${k}#${v}` };
const base = { eventId: 'e1', name: 'play', platform: 'douyin', ts: now - 1000, anonymousId: 'a1' };

describe('validateEvent', () => {
  it('reads ISO-8601 timestamps (zone-less as UTC) into epoch ms', () => {
    const out = validateEvent({ ...base, ts: '2026-06-01 00:00:00' }, { ...ctx, now: now + 1000 });
    expect(out.ok && out.event.ts).toBe(now);
  });
  it('allows the configured skew and no more', () => {
    expect(validateEvent({ ...base, ts: now + 300_000 }, ctx).ok).toBe(true);
    expect(validateEvent({ ...base, ts: now + 300_001 }, ctx)).toMatchObject({ ok: false, code: 'events_clock_skew' });
    expect(validateEvent({ ...base, ts: now - 86_400_001 }, ctx)).toMatchObject({ ok: false, code: 'events_clock_skew' });
  });
  it('hashes raw phone numbers after normalising them, top level or in properties', () => {
    const a = validateEvent({ ...base, phone: '+86 138-0013-8000' }, ctx);
    const b = validateEvent({ ...base, properties: { mobile: '13800138000' } }, ctx);
    expect(a.ok && a.event.phoneHash).toBe('phone#13800138000');
    expect(b.ok && b.event.phoneHash).toBe('phone#13800138000');
    expect(b.ok && JSON.stringify(b.event)).not.toContain('"mobile"');
  });
  it('hashes personal fields nested deeper in properties, without touching the sender\'s object', () => {
    const receiver = { phone: '138 0013 8000', city: '上海', contacts: [{ receiverName: '李四' }] };
    const out = validateEvent({ ...base, properties: { receiver } }, ctx);
    expect(out.ok && out.event.properties.receiver).toEqual({ phoneHash: 'phone#13800138000', city: '上海', contacts: [{ receiverNameHash: 'name#李四' }] });
    expect(receiver.phone).toBe('138 0013 8000');
  });
  it('rejects money given as a float and demands a currency with an amount', () => {
    expect(validateEvent({ ...base, name: 'pay', orderId: 'o', amount: 12.5, currency: 'CNY' }, ctx)).toMatchObject({ code: 'events_invalid_field' });
    expect(validateEvent({ ...base, name: 'refund', orderId: 'o', amount: 1250 }, ctx)).toMatchObject({ code: 'events_missing_field' });
    expect(validateEvent({ ...base, name: 'pay', orderId: 'o', amount: 1250, currency: 'cny' }, ctx)).toMatchObject({ code: 'events_invalid_field' });
  });
  it('rejects a schemaVersion it does not know', () => {
    expect(validateEvent({ ...base, schemaVersion: 2 }, ctx)).toMatchObject({ code: 'events_invalid_field' });
  });
  it('accepts numeric ids as strings', () => {
    const out = validateEvent({ ...base, videoId: 123456 }, ctx);
    expect(out.ok && out.event.videoId).toBe('123456');
  });
});

describe('identity keys', () => {
  it('orders keys strongest first and scopes platform identifiers', () => {
    const keys = identityKeysOf({ name: 'order', platform: 'kuaishou', anonymousId: 'd', openId: 'o', buyerId: 'b', phoneHash: 'p' });
    expect(keys).toEqual(['buyer:kuaishou:b', 'phone:p', 'openid:kuaishou:o', 'anon:d']);
    expect(primaryIdentityKey({ name: 'play', platform: 'douyin', anonymousId: 'x:y' })).toBe('anon:x:y');
    expect(parseIdentityKey('openid:douyin:a:b')).toEqual({ kind: 'openid', platform: 'douyin', value: 'a:b', field: 'openId' });
    expect(parseIdentityKey('nonsense')).toBeUndefined();
  });
  it('links an alias to its previous anonymous id', () => {
    expect(identityKeysOf({ name: 'alias', platform: 'web', userId: 'u1', previousId: 'anon-9' })).toEqual(['user:u1', 'anon:anon-9']);
  });
});

describe('normalisePhone', () => {
  it('keeps digits and drops a +86 / 0086 prefix', () => {
    expect(normalisePhone('+86 138 0013 8000')).toBe('13800138000');
    expect(normalisePhone('0086-13800138000')).toBe('13800138000');
    expect(normalisePhone('(021) 5555-1234')).toBe('02155551234');
  });
});
