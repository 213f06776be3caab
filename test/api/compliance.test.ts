import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { dataDir, dataset } from '../harness/data-dir.js';

const lists = dataset('cn-adlaw-banned-words');

describe.skipIf(!lists)('compliance over the API', () => {
  let t: TestApp;
  const check = (payload: unknown, key?: string): Promise<LightMyRequestResponse> =>
    t.server.inject({ method: 'POST', url: '/v1/compliance/check', headers: { authorization: `Bearer ${key ?? t.secretKey}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  beforeAll(async () => { t = await startTestApp({ env: { REELPATH_COMPLIANCE_LISTS: dataDir() } }); });
  afterAll(async () => { await t.close(); });

  it('answers the hits of one text with the lists used', async () => {
    const r = await check({ text: '销量第一的龙井，最近上新' });
    expect(r.statusCode).toBe(200);
    expect(r.json().hits.map((h: { text: string; category: string; rule: { id: string } }) => [h.text, h.category, h.rule.id])).toEqual([['销量第一', 'absolute', 'adlaw-9-3']]);
    expect(r.json().lists[0].file).toBe('cn-adlaw-banned-words/adlaw_limit_words.txt');
  });

  it('checks a batch text by text: a bad text gets its own error, the others their hits', async () => {
    const r = await check({ texts: ['根治失眠', '', 42, '明前龙井'] });
    expect(r.statusCode).toBe(200);
    expect(r.json().results.map((x: { hits?: Array<{ text: string }>; error?: { code: string } }) => x.error?.code ?? x.hits!.map((h) => h.text).join(','))).toEqual(['根治', 'compliance_invalid_text', 'compliance_invalid_text', '']);
  });

  it('refuses a missing text and a write key', async () => {
    const r = await check({});
    expect([r.statusCode, r.json().error.code]).toEqual([400, 'compliance_invalid_text']);
    expect((await check({ text: '最好' }, t.writeKey)).statusCode).toBe(403);
  });
});
