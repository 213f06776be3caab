import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors/index.js';
import { datasetFile, parseMovielensRatings, readCommerceDataset, readEvalDataset } from './dataset-readers.js';

const dir = mkdtempSync(join(tmpdir(), 'rp-rec-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(parts: string[], text: string): void {
  mkdirSync(join(dir, ...parts.slice(0, -1)), { recursive: true });
  writeFileSync(join(dir, ...parts), text);
}

describe('parseMovielensRatings', () => {
  it('reads user, item, rating as weight and unix seconds as epoch ms', () => {
    const log = parseMovielensRatings('196\t242\t3\t881250949\n186\t302\t3\t891717742\r\n196\t302\t5\t881250950\n');
    expect(log.length).toBe(3);
    expect(log.users.ids()).toEqual(['196', '186']);
    expect(Array.from(log.weight)).toEqual([3, 3, 5]);
    expect(log.ts[0]).toBe(881_250_949_000);
  });

  it('names the first malformed line', () => {
    for (const bad of ['1\t2\t3\n4\t5\n', '1\t2\t0\t9\n', '1\t2\t3\t4\t5\n']) {
      try {
        parseMovielensRatings(bad, 'u.data');
        expect.unreachable();
      } catch (err) {
        expect(isAppError(err) && err.code).toBe('recommend_dataset_invalid');
        expect((err as Error).message).toMatch(/^u\.data line \d: /);
      }
    }
  });
});

describe('dataset files', () => {
  it('a missing dataset is recommend_dataset_not_found with the path looked at', async () => {
    await expect(datasetFile(join(dir, 'nowhere'), 'taobao')).rejects.toMatchObject({ code: 'recommend_dataset_not_found', message: expect.stringContaining('UserBehavior_head_sample.csv') });
  });

  it('reads MovieLens from <dir>/movielens-100k/ml-100k/u.data', async () => {
    write(['movielens-100k', 'ml-100k', 'u.data'], '1\t10\t4\t100\n2\t10\t1\t200\n');
    const log = await readEvalDataset(dir, 'movielens-100k');
    expect(log.items.ids()).toEqual(['10']);
  });

  it('Taobao through the importer: behaviour weights pv 1, fav 2, cart 3, buy 5; a truncated last row is skipped', async () => {
    write(['taobao-userbehavior-sample', 'UserBehavior_head_sample.csv'], '1,100,7,pv,1511544070\n1,101,7,fav,1511544071\n1,102,7,cart,1511544072\n2,100,7,buy,1511544073\n3,104,7,pv');
    const { log, skippedRows } = await readCommerceDataset(dir, 'taobao');
    expect(skippedRows).toBe(1);
    expect(Array.from(log.weight)).toEqual([1, 2, 3, 5]);
    expect(log.ts[3]).toBe(1_511_544_073_000);
    expect(log.users.ids()).toEqual(['1', '2']);
  });

  it('REES46 through the importer: view 1, cart 3, purchase 5; weights are a parameter', async () => {
    const header = 'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n';
    const row = (t: string, type: string, product: string, user: string): string => `2019-10-01 00:00:0${t} UTC,${type},${product},1,,b,1.00,${user},s\n`;
    write(['rees46-ecommerce-sample', '2019-Oct_head_sample.csv'], header + row('0', 'view', 'p1', 'u1') + row('1', 'cart', 'p1', 'u1') + row('2', 'purchase', 'p2', 'u2'));
    expect(Array.from((await readCommerceDataset(dir, 'rees46')).log.weight)).toEqual([1, 3, 5]);
    expect(Array.from((await readCommerceDataset(dir, 'rees46', { pay: 7 })).log.weight)).toEqual([7]);
  });
});
