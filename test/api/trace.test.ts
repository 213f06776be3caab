import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { hashLeaf, publicKeyFromRaw, verifyCheckpoint, verifyConsistency, verifyInclusion, verifyPublicView, type PublicView } from '../../src/modules/trace/index.js';
import { fixedClock } from '../../src/shared/time.js';
import { commerceBackends } from '../harness/commerce-backends.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const b64 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'base64'));

// The provenance log over HTTP, in-process against the real app: embedded SQLite, and PostgreSQL when configured.
for (const backend of (await commerceBackends('trace_api')).filter((b) => !b.env.REELPATH_REDIS_URL)) {
  describe(`trace over the API — ${backend.name}`, () => {
    const clock = fixedClock(T0);
    let t: TestApp;
    let code = '';
    const send = (method: 'POST' | 'GET', url: string, payload?: unknown, key: string | null = t.secretKey): Promise<LightMyRequestResponse> =>
      t.server.inject({ method, url, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
    const errorOf = (res: LightMyRequestResponse): string => (res.json() as { error: { code: string } }).error.code;

    beforeAll(async () => {
      t = await startTestApp({ clock, env: { ...backend.env, REELPATH_TRACE_LOG_NAME: 'shop.example' } });
      const created = await send('POST', '/v1/trace/batches', { name: '明前龙井 2026 第 3 批', productId: 'p_tea' });
      expect(created.statusCode).toBe(201);
      code = (created.json() as { code: string }).code;
    });
    afterAll(async () => { await t.close(); });

    it('creates and lists batches; an invalid one lists its problems', async () => {
      expect(code).toMatch(/^tr_[a-z2-7]{16}$/);
      const list = (await send('GET', '/v1/trace/batches')).json() as { batches: Array<{ code: string; name: string; productId: string | null }> };
      expect(list.batches).toEqual([{ tenant: 't1', code, productId: 'p_tea', name: '明前龙井 2026 第 3 批', createdAt: T0 }]);
      const bad = await send('POST', '/v1/trace/batches', { name: '', productId: 'a b' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'trace_invalid_batch', details: { problems: ['name: a non-empty string of at most 200 characters', 'productId: 1–64 letters, digits or _.:-'] } } });
    });

    it('appends entries with per-entry outcomes; refuses an unknown code or a bad batch size as a whole', async () => {
      const res = await send('POST', `/v1/trace/batches/${code}/entries`, { entries: [
        { kind: 'origin', body: { place: '浙江杭州西湖龙井村', producer: '龙井茶合作社' }, at: '2026-02-20T06:00:00Z' },
        { kind: 'inspection', body: { lab: 'SGS 上海', reportNo: 'SH-2026-0042', result: 'passed' } },
        'not an object',
        { kind: 'certification', body: { name: '有机产品认证', issuer: '中国质量认证中心', number: 'CQC-1234' } },
        ...Array.from({ length: 70 }, (_, i) => ({ kind: 'logistics', body: { event: `scan ${i}`, location: '杭州仓' } })),
      ] });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { accepted: number; rejected: number; outcomes: Array<Record<string, unknown>> };
      expect([body.accepted, body.rejected]).toEqual([72, 2]);
      expect(body.outcomes.slice(0, 4)).toEqual([
        { index: 0, ok: true, leafIndex: 0 },
        { index: 1, ok: false, code: 'trace_invalid_entry', reason: 'body.result: one of pass, fail' },
        { index: 2, ok: false, code: 'trace_invalid_entry', reason: 'kind: one of origin, inspection, certification, logistics, consent_receipt, allocation_policy; body: a JSON object' },
        { index: 3, ok: true, leafIndex: 1 },
      ]);
      const unknown = await send('POST', '/v1/trace/batches/tr_zzzzzzzzzzzzzzzz/entries', { entries: [{ kind: 'logistics', body: { event: 'x', location: 'y' } }] });
      expect([unknown.statusCode, errorOf(unknown)]).toEqual([404, 'trace_batch_not_found']);
      for (const entries of [[], Array.from({ length: 5001 }, () => ({})), 'x']) {
        const r = await send('POST', `/v1/trace/batches/${code}/entries`, { entries });
        expect([r.statusCode, errorOf(r)]).toEqual([400, 'api_invalid_request']);
      }
      expect((await send('GET', '/v1/trace/checkpoint')).json()).toMatchObject({ logOrigin: 'shop.example/t1', checkpoint: { size: 72 } });
    });

    it('serves checkpoints and proofs that verify, and refuses sizes beyond the signed tree', async () => {
      const head = (await send('GET', '/v1/trace/checkpoint')).json() as { checkpoint: { note: string; size: number; root: string }; key: { name: string; publicKey: string } };
      const v = verifyCheckpoint(head.checkpoint.note, head.key.name, publicKeyFromRaw(b64(head.key.publicKey)), 'shop.example/t1');
      expect(v.ok).toBe(true);
      const inc = (await send('GET', '/v1/trace/proofs/inclusion?index=1&size=72')).json() as { data: string; leafHash: string; proof: string[] };
      expect(JSON.parse(inc.data)).toMatchObject({ kind: 'certification', code, v: 1 });
      expect(verifyInclusion(1, 72, hashLeaf(Buffer.from(inc.data)), inc.proof.map(b64), b64(head.checkpoint.root))).toBe(true);
      await send('POST', `/v1/trace/batches/${code}/entries`, { entries: [{ kind: 'logistics', body: { event: 'delivered', location: '上海' } }] });
      const newer = (await send('GET', '/v1/trace/checkpoint')).json() as { checkpoint: { size: number; root: string } };
      const cons = (await send('GET', `/v1/trace/proofs/consistency?from=72&to=${newer.checkpoint.size}`)).json() as { proof: string[] };
      expect(verifyConsistency(72, 73, b64(head.checkpoint.root), b64(newer.checkpoint.root), cons.proof.map(b64))).toBe(true);
      for (const url of ['/v1/trace/proofs/inclusion?index=73', '/v1/trace/proofs/inclusion?index=0&size=74', '/v1/trace/proofs/consistency?from=10&to=74', '/v1/trace/proofs/consistency?from=20&to=10']) {
        const r = await send('GET', url);
        expect([url, r.statusCode, errorOf(r)]).toEqual([url, 400, 'trace_proof_out_of_range']);
      }
      for (const url of ['/v1/trace/proofs/inclusion?index=abc', '/v1/trace/proofs/inclusion', '/v1/trace/proofs/consistency?from=1']) {
        expect((await send('GET', url)).statusCode).toBe(400);
      }
    });

    it('serves the public batch page without a key, in the documented shape, and it verifies', async () => {
      const res = await send('GET', `/v1/trace/public/${code}`, undefined, null);
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const view = res.json() as PublicView;
      expect(Object.keys(view).sort()).toEqual(['batch', 'checkpoint', 'code', 'entries', 'key', 'logOrigin']);
      expect(view.batch).toEqual({ name: '明前龙井 2026 第 3 批', productId: 'p_tea', createdAt: '2026-03-01T08:00:00.000Z' });
      expect(view.logOrigin).toBe('shop.example/t1');
      expect(view.key.name).toBe('shop.example');
      expect(b64(view.key.publicKey)).toHaveLength(32);
      expect(b64(view.key.keyId)).toHaveLength(4);
      expect(view.entries).toHaveLength(73);
      expect(view.entries[0]!.data).toBe(`{"at":"2026-02-20T06:00:00.000Z","body":{"place":"浙江杭州西湖龙井村","producer":"龙井茶合作社"},"code":"${code}","kind":"origin","v":1}`);
      expect(verifyPublicView(view, await t.app.trace.publicKey())).toEqual({ ok: true, size: 73, entries: 73, problems: [] });
      const cons = await send('GET', `/v1/trace/public/${code}/consistency?from=72&to=73`, undefined, null);
      expect(cons.statusCode).toBe(200);
      expect(await send('GET', `/v1/trace/public/${code}/consistency?from=72&to=99`, undefined, null).then(errorOf)).toBe('trace_proof_out_of_range');
      const missing = await send('GET', '/v1/trace/public/tr_zzzzzzzzzzzzzzzz', undefined, null);
      expect([missing.statusCode, errorOf(missing)]).toEqual([404, 'trace_batch_not_found']);
    });

    it('keeps the secret routes behind a secret key and lists them in the OpenAPI document', async () => {
      expect((await send('GET', '/v1/trace/batches', undefined, null)).statusCode).toBe(401);
      expect((await send('GET', '/v1/trace/audit', undefined, t.writeKey)).statusCode).toBe(403);
      const doc = (await t.server.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/trace/batches', '/v1/trace/batches/{code}/entries', '/v1/trace/proofs/inclusion', '/v1/trace/public/{code}']));
      expect(doc.paths['/v1/trace/public/{code}']!.get!.security).toEqual([]);
    });

    it('audits the tenant\'s log clean', async () => {
      const res = await send('GET', '/v1/trace/audit');
      expect(res.json()).toMatchObject({ ok: true, findings: [], logs: [{ tenant: 't1', size: 73 }] });
    });
  });
}
