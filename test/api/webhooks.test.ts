import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTER_IDS, findAdapter, type AdapterId } from '../../src/modules/platforms/index.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

/*
 * POST /v1/webhooks/<adapter> with every documented fixture, raw text as sent by the platform. The
 * expected outcome is what the adapter itself maps from the same text; a replayed callback applies once.
 */

const FIXTURES_DIR = resolve(import.meta.dirname, '../../src/modules/platforms/fixtures');

interface Fixture { readonly file: string; readonly text: string }

function fixturesOf(adapter: AdapterId): Fixture[] {
  return readdirSync(resolve(FIXTURES_DIR, adapter)).filter((f) => f.endsWith('.json')).sort()
    .map((file) => ({ file, text: readFileSync(resolve(FIXTURES_DIR, adapter, file), 'utf8') }));
}

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

function postWebhook(adapter: string, text: string, key = t.writeKey) {
  return t.server.inject({
    method: 'POST', url: `/v1/webhooks/${adapter}`, payload: text,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
  });
}

async function counts(): Promise<Record<string, number>> {
  const res = await t.get('/v1/events/counts');
  expect(res.statusCode).toBe(200);
  return res.json().counts;
}

for (const adapterId of ADAPTER_IDS) {
  describe(`POST /v1/webhooks/${adapterId}`, () => {
    const adapter = findAdapter(adapterId);
    const fixtures = fixturesOf(adapterId);
    // Fixtures of one adapter describe the same order, so their deterministic eventIds overlap.
    const seen = new Set<string>();

    it('has fixtures, including a malformed one', () => {
      expect(adapter).toBeDefined();
      expect(fixtures.filter((f) => !f.file.includes('malformed')).length).toBeGreaterThan(0);
      expect(fixtures.some((f) => f.file.includes('malformed'))).toBe(true);
    });

    for (const fixture of fixtures.filter((f) => !f.file.includes('malformed'))) {
      it(`${fixture.file}: accepted as mapped; a replay changes nothing`, async () => {
        const mapped = adapter?.toEvents(fixture.text);
        if (!mapped?.ok) throw new Error(`${fixture.file} does not map: ${mapped?.reason ?? 'no adapter'}`);
        const ids = mapped.events.map((e) => String(e.eventId));
        const alreadyStored = ids.filter((id) => seen.has(id)).length;
        const newByName: Record<string, number> = {};
        for (const e of mapped.events) if (!seen.has(String(e.eventId))) newByName[String(e.name)] = (newByName[String(e.name)] ?? 0) + 1;

        const before = await counts();
        const first = await postWebhook(adapterId, fixture.text);
        expect(first.statusCode, first.body).toBe(200);
        expect(first.json()).toMatchObject({ accepted: mapped.events.length, duplicates: alreadyStored, rejected: [] });
        if (mapped.followUp) expect(first.json().followUp).toMatchObject({ fetch: mapped.followUp.fetch, id: mapped.followUp.id });
        else expect(first.json().followUp).toBeUndefined();
        const after = await counts();
        const names = new Set([...Object.keys(before), ...Object.keys(after)]);
        for (const name of names) expect(after[name] ?? 0, name).toBe((before[name] ?? 0) + (newByName[name] ?? 0));
        for (const id of ids) {
          const stored = await t.get(`/v1/events/${encodeURIComponent(id)}`);
          expect(stored.statusCode, id).toBe(200);
          expect(stored.json().eventId).toBe(id);
        }
        ids.forEach((id) => seen.add(id));

        const replay = await postWebhook(adapterId, fixture.text);
        expect(replay.statusCode).toBe(200);
        expect(replay.json()).toMatchObject({ accepted: mapped.events.length, duplicates: mapped.events.length, rejected: [] });
        expect(await counts()).toEqual(after);
      });
    }

    for (const fixture of fixtures.filter((f) => f.file.includes('malformed'))) {
      it(`${fixture.file}: 400 platforms_bad_payload, nothing stored`, async () => {
        const before = await counts();
        const res = await postWebhook(adapterId, fixture.text);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('platforms_bad_payload');
        expect(await counts()).toEqual(before);
      });
    }
  });
}

describe('webhook errors and keys', () => {
  it('an unknown adapter → 404 platforms_unknown', async () => {
    const res = await postWebhook('myspace_shop', '{"order_id":"1"}');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('platforms_unknown');
  });

  it('a body that is not JSON → 400 platforms_bad_payload', async () => {
    const res = await postWebhook('douyin_shop', '{"tag": "101", ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('platforms_bad_payload');
  });

  it('no key → 401; an unknown key → 401', async () => {
    const noKey = await t.server.inject({ method: 'POST', url: '/v1/webhooks/douyin_shop', payload: '{}', headers: { 'content-type': 'application/json' } });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json().error.code).toBe('api_unauthorized');
    const wrong = await postWebhook('douyin_shop', '{}', 'rp_pub_not-a-real-key');
    expect(wrong.statusCode).toBe(401);
  });

  it('a read with the write key → 403 api_forbidden', async () => {
    for (const url of ['/v1/events/counts', '/v1/funnel?steps=order,pay', '/v1/tenant']) {
      const res = await t.get(url, t.writeKey);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('api_forbidden');
    }
  });
});
