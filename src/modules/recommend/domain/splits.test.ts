import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { InteractionLogBuilder, type InteractionLog } from './interaction-log.js';
import { kCoreFilter } from './k-core.js';
import { leaveLastOutSplit, roundHalfEven, stratifiedSplit } from './splits.js';

/** User u{n} has n distinct items, n = 1..12 (78 rows). */
function ladderLog(): InteractionLog {
  const b = new InteractionLogBuilder();
  for (let n = 1; n <= 12; n++) for (let i = 0; i < n; i++) b.push(`u${n}`, `i${i}`, 1, n * 100 + i);
  return b.build();
}

const rowsKey = (log: InteractionLog): string[] => Array.from({ length: log.length }, (_, r) => `${log.users.idAt(log.user[r] as number)}/${log.items.idAt(log.item[r] as number)}`);

describe('roundHalfEven', () => {
  it('rounds like Python round()', () => {
    expect([0.5, 1.5, 2.5, 3.75, 2.25, 7].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 7]);
  });
});

describe('stratifiedSplit', () => {
  it('puts round-half-even(ratio·n) of each user\'s rows in train, every row exactly once', () => {
    const log = ladderLog();
    const { train, test } = stratifiedSplit(log, { ratio: 0.75 }, seededRng(42));
    expect(train.length + test.length).toBe(78);
    for (let n = 1; n <= 12; n++) {
      const u = log.users.indexOf(`u${n}`);
      const inTrain = train.user.filter((x) => x === u).length;
      expect(inTrain, `user with ${n} rows`).toBe(roundHalfEven(0.75 * n));
    }
    expect(new Set([...rowsKey(train), ...rowsKey(test)]).size).toBe(78);
  });

  it('is deterministic for a seed and shuffles differently for another; per-item stratification counts items', () => {
    const log = ladderLog();
    const a = stratifiedSplit(log, { ratio: 0.75 }, seededRng(1));
    const b = stratifiedSplit(log, { ratio: 0.75 }, seededRng(1));
    const c = stratifiedSplit(log, { ratio: 0.75 }, seededRng(2));
    expect(rowsKey(a.test)).toEqual(rowsKey(b.test));
    expect(rowsKey(a.test)).not.toEqual(rowsKey(c.test));
    const byItem = stratifiedSplit(log, { ratio: 0.5, by: 'item' }, seededRng(3));
    const i0 = log.items.indexOf('i0'); // 12 users have i0
    expect(byItem.train.item.filter((x) => x === i0).length).toBe(6);
  });

  it('refuses a ratio outside (0, 1)', () => {
    expect(() => stratifiedSplit(ladderLog(), { ratio: 1 }, seededRng(1))).toThrow(RangeError);
    expect(() => stratifiedSplit(ladderLog(), { ratio: 0 }, seededRng(1))).toThrow(RangeError);
  });
});

describe('leaveLastOutSplit', () => {
  it('holds out every row of the item of the latest event; single-item users only train', () => {
    const b = new InteractionLogBuilder();
    b.push('a', 'x', 1, 10);
    b.push('a', 'y', 1, 20);
    b.push('a', 'x', 5, 30); // latest: x, and the earlier x goes with it
    b.push('b', 'z', 1, 10);
    b.push('b', 'z', 1, 40); // one distinct item: train only
    b.push('c', 'p', 1, 50);
    b.push('c', 'q', 1, 50); // tie: the later row wins
    const { train, test } = leaveLastOutSplit(b.build());
    expect(rowsKey(test)).toEqual(['a/x', 'a/x', 'c/q']);
    expect(rowsKey(train)).toEqual(['a/y', 'b/z', 'b/z', 'c/p']);
  });
});

describe('kCoreFilter', () => {
  it('drops users and items under the thresholds until none is left, and compacts the ids', () => {
    const b = new InteractionLogBuilder();
    // u1: a,b  u2: a,b  u3: a,c — c has one user, so it goes; then u3 has one item and goes too.
    for (const [u, i] of [['u1', 'a'], ['u1', 'b'], ['u2', 'a'], ['u2', 'b'], ['u2', 'b'], ['u3', 'a'], ['u3', 'c']]) b.push(u as string, i as string, 1, 0);
    const core = kCoreFilter(b.build(), { minUserItems: 2, minItemUsers: 2 });
    expect(rowsKey(core)).toEqual(['u1/a', 'u1/b', 'u2/a', 'u2/b', 'u2/b']);
    expect(core.users.ids()).toEqual(['u1', 'u2']);
    expect(core.items.ids()).toEqual(['a', 'b']);
  });
});
