import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('batches what queues while a batch is written, in order, each caller getting its own result', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>(async (items) => { batches.push([...items]); await new Promise((r) => setTimeout(r, 5)); return items.map((i) => i * 10); }, 3);
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => gc.submit(i)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
    const late = gc.submit(6);
    await gc.idle();
    await expect(late).resolves.toBe(60);
  });

  it('rejects only the failed batch; the next batch still runs', async () => {
    let calls = 0;
    const gc = new GroupCommit<string, string>(async (items) => { calls++; if (calls === 1) throw new Error('disk full'); return items.map((s) => s.toUpperCase()); }, 2);
    const a = gc.submit('a'); const b = gc.submit('b'); const c = gc.submit('c');
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    await expect(c).resolves.toBe('C');
  });

  it('refuses a writer that answers the wrong number of results', async () => {
    const gc = new GroupCommit<number, number>(async () => [1]);
    const both = [gc.submit(1), gc.submit(2)];
    await expect(both[0]).rejects.toThrow(/2 items/);
    await expect(both[1]).rejects.toThrow(/2 items/);
  });
});
