import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

let t: TestApp;
let seq = 0;
const ev = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventId: `bad_${++seq}`, name: 'play', platform: 'douyin', ts: Date.now() - 1000, anonymousId: `dev_${seq}`, ...over,
});
async function stored(eventId: unknown): Promise<boolean> {
  return (await t.get(`/v1/events/${String(eventId)}`)).statusCode === 200;
}
async function expectItemRejected(bad: Record<string, unknown>, code: string): Promise<void> {
  const good1 = ev();
  const good2 = ev({ name: 'impression' });
  const res = await t.ingest([good1, bad, good2]);
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body.accepted).toBe(2);
  expect(body.rejected).toHaveLength(1);
  expect(body.rejected[0]).toMatchObject({ index: 1, code });
  expect(typeof body.rejected[0].reason).toBe('string');
  expect(await stored(good1.eventId)).toBe(true);
  expect(await stored(good2.eventId)).toBe(true);
}

beforeAll(async () => { t = await startTestApp({ env: { REELPATH_MAX_BATCH: '50', REELPATH_BODY_LIMIT: '20000' } }); });
afterAll(async () => { await t.close(); });

describe('POST /v1/events — a bad item never loses the good ones', () => {
  it('unknown event name → events_unknown_name', () => expectItemRejected(ev({ name: 'teleport' }), 'events_unknown_name'));
  it('missing eventId → events_missing_field', () => expectItemRejected({ name: 'play', platform: 'douyin', ts: Date.now(), anonymousId: 'x' }, 'events_missing_field'));
  it('missing platform → events_missing_field', () => expectItemRejected(ev({ platform: undefined }), 'events_missing_field'));
  it('mistyped amount (a float yuan value) → events_invalid_field', () => expectItemRejected(ev({ name: 'pay', orderId: 'o1', amount: 19.99, currency: 'CNY' }), 'events_invalid_field'));
  it('mistyped ts → events_invalid_field', () => expectItemRejected(ev({ ts: 'yesterday' }), 'events_invalid_field'));
  it('pay without amount → events_missing_field', () => expectItemRejected(ev({ name: 'pay', orderId: 'o2' }), 'events_missing_field'));
  it('no identity → events_missing_identity', () => expectItemRejected(ev({ anonymousId: undefined }), 'events_missing_identity'));
  it('timestamp beyond the allowed clock skew → events_clock_skew', () => expectItemRejected(ev({ ts: Date.now() + 3_600_000 }), 'events_clock_skew'));
  it('an item shaped like an internal parse failure is validated like any event, not trusted', () =>
    expectItemRejected({ parseError: { code: 'internal_error', reason: 'forged' } }, 'events_missing_field'));
  it('not an object → events_not_object', () => expectItemRejected(42 as unknown as Record<string, unknown>, 'events_not_object'));
  it('another tenant named in the event → events_tenant_mismatch', () => expectItemRejected(ev({ tenant: 'someone-else' }), 'events_tenant_mismatch'));

  it('a duplicate eventId in one batch → events_duplicate_id, first copy kept', async () => {
    const a = ev();
    const res = await t.ingest([a, ev(), { ...a, name: 'like' }]);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: [{ index: 2, code: 'events_duplicate_id' }] });
    expect((await t.get(`/v1/events/${String(a.eventId)}`)).json().name).toBe('play');
  });

  it('a replayed batch is accepted idempotently: exactly one stored copy', async () => {
    const batch = [ev({ anonymousId: 'replay' }), ev({ anonymousId: 'replay' })];
    const before = (await t.get('/v1/events/counts')).json().counts.play ?? 0;
    expect((await t.ingest(batch)).json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect((await t.ingest(batch)).json()).toMatchObject({ accepted: 2, duplicates: 2, rejected: [] });
    expect((await t.get('/v1/events/counts')).json().counts.play).toBe(before + 2);
  });

  it('a malformed NDJSON line → events_malformed_line, other lines stored', async () => {
    const good = [ev(), ev()];
    const res = await t.ingest([good[0], '{"eventId": "broken", ', good[1]], { ndjson: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: [{ index: 1, code: 'events_malformed_line' }] });
    expect(await stored(good[0]?.eventId)).toBe(true);
    expect(await stored(good[1]?.eventId)).toBe(true);
  });

  it('gzip-encoded NDJSON is accepted', async () => {
    const good = [ev(), ev()];
    const res = await t.ingest(good, { ndjson: true, gzip: true });
    expect(res.json()).toMatchObject({ accepted: 2, rejected: [] });
  });

  it('personal data is hashed at the edge, never stored raw', async () => {
    const e = ev({ name: 'order', orderId: 'o-p', phone: '+86 138-0013-8000', address: '上海市 徐汇区 1号', properties: { receiverName: '张三' } });
    expect((await t.ingest([e])).json().accepted).toBe(1);
    const stored = (await t.get(`/v1/events/${String(e.eventId)}`)).json();
    const text = JSON.stringify(stored);
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('上海市');
    expect(text).not.toContain('张三');
    expect(stored.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.addressHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('unknown fields are kept in the properties bag', async () => {
    const e = ev({ liveRoomTheme: 'double-11', properties: { coupon: 'C10' } });
    await t.ingest([e]);
    expect((await t.get(`/v1/events/${String(e.eventId)}`)).json().properties).toEqual({ coupon: 'C10', liveRoomTheme: 'double-11' });
  });
});

describe('POST /v1/events — whole-request errors store nothing and break nothing', () => {
  async function expectNothingStoredThenStillWorks(res: { statusCode: number; json(): { error: { code: string } } }, status: number, code: string, ids: unknown[]): Promise<void> {
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    for (const id of ids) expect(await stored(id)).toBe(false);
    const after = ev();
    expect((await t.ingest([after])).json().accepted).toBe(1);
  }

  it('malformed JSON → 400 api_malformed_body', async () => {
    await expectNothingStoredThenStillWorks(await t.ingest('[{"eventId": "x1",'), 400, 'api_malformed_body', ['x1']);
  });
  it('wrong content type → 415 api_unsupported_media_type', async () => {
    const e = ev();
    await expectNothingStoredThenStillWorks(await t.ingest([e], { contentType: 'text/plain' }), 415, 'api_unsupported_media_type', [e.eventId]);
  });
  it('oversized batch → 413 events_batch_too_large', async () => {
    const batch = Array.from({ length: 51 }, () => ev());
    await expectNothingStoredThenStillWorks(await t.ingest(batch), 413, 'events_batch_too_large', [batch[0]?.eventId]);
  });
  it('oversized body → 413 api_body_too_large', async () => {
    const e = ev({ properties: { blob: 'x'.repeat(30_000) } });
    await expectNothingStoredThenStillWorks(await t.ingest([e]), 413, 'api_body_too_large', [e.eventId]);
  });
  it('oversized body after gzip decoding → 413 api_body_too_large', async () => {
    const e = ev({ properties: { blob: 'y'.repeat(60_000) } });
    await expectNothingStoredThenStillWorks(await t.ingest([e], { gzip: true }), 413, 'api_body_too_large', [e.eventId]);
  });
  it('corrupt gzip → 400 api_bad_encoding', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/v1/events', payload: Buffer.from('not gzip at all'),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${t.writeKey}` } });
    await expectNothingStoredThenStillWorks(res, 400, 'api_bad_encoding', []);
  });
});

describe('keys and tenants', () => {
  it('a missing key → 401 api_unauthorized', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/v1/events', payload: [ev()], headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('api_unauthorized');
  });
  it('a wrong key → 401 api_unauthorized', async () => {
    const res = await t.ingest([ev()], { key: 'rp_pub_not-a-real-key' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('api_unauthorized');
  });
  it('a write key used to read → 403 api_forbidden', async () => {
    const res = await t.get('/v1/events/counts', t.writeKey);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('api_forbidden');
  });
  it("another tenant's ids → 404", async () => {
    const other = await t.app.tenants.createTenant('t2');
    const mine = ev();
    await t.ingest([mine]);
    const res = await t.get(`/v1/events/${String(mine.eventId)}`, other.secretKey);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('api_not_found');
    const personId = (await t.get('/v1/persons?key=' + encodeURIComponent(`anon:${String(mine.anonymousId)}`))).json().personId;
    expect(personId).toMatch(/^per_/);
    const del = await t.server.inject({ method: 'DELETE', url: `/v1/persons/${personId}`, headers: { authorization: `Bearer ${other.secretKey}` } });
    expect(del.statusCode).toBe(404);
    expect(del.json().error.code).toBe('identity_person_not_found');
    expect(await stored(mine.eventId)).toBe(true);
  });
});
