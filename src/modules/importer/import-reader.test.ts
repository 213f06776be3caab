import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { validateEvent } from '../events/index.js';
import { readImportFile, type ImportItem, type ImportReadOptions } from './import-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'reelpath-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = { tenant: 't1', now: Date.UTC(2030, 0, 1), maxFutureSkewMs: 300_000, maxPastMs: 20 * 365 * 86_400_000, pseudonymise: (_k: string, v: string) => `h${v.length}` };

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, format: string, options: ImportReadOptions = {}): Promise<{ items: ImportItem[]; batches: number[] }> {
  const items: ImportItem[] = [];
  const batches: number[] = [];
  for await (const batch of readImportFile(path, format, options)) {
    batches.push(batch.length);
    items.push(...batch);
  }
  return { items, batches };
}

describe('readImportFile', () => {
  it('refuses an unknown format at once, and a missing file on first read', async () => {
    expect(() => readImportFile('x', 'xlsx')).toThrow(expect.objectContaining({ code: 'import_unknown_format' }));
    await expect(readAll(join(dir, 'missing.csv'), 'rees46')).rejects.toMatchObject({ code: 'import_file_not_found' });
  });

  it('refuses a header that does not fit the format, and an empty file', async () => {
    await expect(readAll(file('wrong.csv', 'user_id,item_id\n1,2\n'), 'rees46')).rejects.toMatchObject({ code: 'import_bad_header' });
    await expect(readAll(file('empty.csv', ''), 'online-retail')).rejects.toMatchObject({ code: 'import_bad_header' });
    expect((await readAll(file('empty.txt', ''), 'taobao')).items).toEqual([]);
  });

  it('imports NDJSON line by line, with a malformed line as its own error', async () => {
    const path = file('events.ndjson', [
      '{"eventId":"e1","name":"play","platform":"douyin","ts":1700000000000,"anonymousId":"a1","videoId":"v1"}',
      '',
      '{"name":"like","platform":"douyin","ts":1700000000001,"anonymousId":"a1"}',
      '{"name": "like", "platform"',
      '{"eventId":"e4","name":"share","platform":"douyin","ts":"2023-11-14T22:13:20Z","anonymousId":"a1"}\r',
    ].join('\n'));
    const { items } = await readAll(path, 'ndjson');
    expect(items.map((i) => [i.line, i.ok ? i.event.eventId : i.code])).toEqual([
      [1, 'e1'], [3, expect.stringMatching(/^ndjson_3_/)], [4, 'events_malformed_line'], [5, 'e4'],
    ]);
    for (const item of items) if (item.ok) expect(validateEvent(item.event, ctx).ok).toBe(true);
  });

  it('imports canonical CSV and cuts batches of the requested size', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `e${i},add_to_cart,xiaohongshu,${1_700_000_000_000 + i},a${i % 3},p${i},,,note ${i}`);
    const path = file('events.csv', ['eventId,name,platform,ts,anonymousId,productId,amount,currency,memo', ...rows, 'e25,pay,web'].join('\n'));
    const progress: number[] = [];
    const { items, batches } = await readAll(path, 'csv', { batchSize: 10, chunkBytes: 64, onProgress: (read) => progress.push(read) });
    expect(batches).toEqual([10, 10, 6]);
    expect(items.slice(0, 25).every((i) => i.ok && validateEvent(i.event, ctx).ok)).toBe(true);
    expect(items[0]).toMatchObject({ line: 2, ok: true, event: { eventId: 'e0', ts: 1_700_000_000_000, properties: { memo: 'note 0' } } });
    expect(items[25]).toMatchObject({ line: 27, ok: false, code: 'import_bad_row', reason: expect.stringContaining('expected 9 fields, found 3') });
    expect(progress.length).toBeGreaterThan(5);
  });

  it('reads canonical CSV with another delimiter', async () => {
    const path = file('events.tsv', 'name\tplatform\tts\tbuyerId\tproductId\nfavorite\tweb\t1700000000000\tb1\tp,1\n');
    const { items } = await readAll(path, 'csv', { delimiter: '\t' });
    expect(items).toEqual([{ line: 2, ok: true, event: expect.objectContaining({ name: 'favorite', productId: 'p,1', eventId: expect.stringMatching(/^csv_2_/) }) }]);
  });

  it('imports parquet through DuckDB with typed columns', async () => {
    const path = join(dir, 'events.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (
      SELECT 'pq' || i AS eventId, CASE WHEN i % 2 = 0 THEN 'pay' ELSE 'detail_view' END AS name, 'tiktok' AS platform,
        TIMESTAMP '2024-05-01 10:00:00' + to_seconds(i) AS ts, 'b' || (i % 7) AS buyerId, 'p' || i AS productId,
        CASE WHEN i % 2 = 0 THEN 'o' || i END AS orderId,
        CASE WHEN i % 2 = 0 THEN (i * 100)::BIGINT END AS amount, CASE WHEN i % 2 = 0 THEN 'USD' END AS currency,
        i::INTEGER AS quantity, 'creator-' || (i % 3) AS campaign
      FROM range(0, 3000) t(i)
    ) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const { items, batches } = await readAll(path, 'parquet');
    expect(batches).toEqual([2000, 1000]);
    expect(items.every((i) => i.ok && validateEvent(i.event, ctx).ok)).toBe(true);
    expect(items[2]).toEqual({
      line: 3, ok: true,
      event: {
        eventId: 'pq2', name: 'pay', platform: 'tiktok', ts: Date.UTC(2024, 4, 1, 10, 0, 2), buyerId: 'b2', productId: 'p2', orderId: 'o2',
        amount: 200, currency: 'USD', quantity: 2, properties: { campaign: 'creator-2' },
      },
    });
    expect(items[1]?.ok && 'amount' in items[1].event).toBe(false);
    await expect(readAll(file('not.parquet', 'a,b\n'), 'parquet')).rejects.toMatchObject({ code: 'import_bad_header' });
  });
});
