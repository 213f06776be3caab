import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyLinked, applyOperation, applyTransfer, balanceOf, computeAvailable, openLedger, postPending, replayJournal, sumOfBalances, voidPending,
  type Account, type LedgerOp, type LedgerState, type Transfer,
} from './ledger.js';

const ACCOUNTS: readonly Account[] = [
  { id: 'buyer_funds', currency: 'CNY', allowNegative: true }, // the outside world: may go negative
  { id: 'merchant', currency: 'CNY', allowNegative: false },
  { id: 'creator', currency: 'CNY', allowNegative: false },
  { id: 'platform', currency: 'CNY', allowNegative: false },
  { id: 'usd_world', currency: 'USD', allowNegative: true },
  { id: 'usd_merchant', currency: 'USD', allowNegative: false },
];

const open = (accounts: readonly Account[] = ACCOUNTS): LedgerState => {
  const out = openLedger(accounts);
  if (!out.ok) throw new Error(out.reason);
  return out.state;
};
const must = (out: ReturnType<typeof applyOperation>): LedgerState => {
  if (!out.ok) throw new Error(`${out.code}: ${out.reason}`);
  return out.state;
};
const tx = (id: string, debit: string, credit: string, amountFen: number, kind: Transfer['kind'] = 'single', currency = 'CNY'): Transfer => ({ id, debit, credit, amountFen, currency, kind });

describe('ledger: transfers, pending, post and void', () => {
  it('posts a single transfer on both sides and keeps the currency sum at zero', () => {
    const s = must(applyTransfer(open(), tx('t1', 'buyer_funds', 'merchant', 9_999)));
    expect(balanceOf(s, 'buyer_funds')).toEqual({ debitsPending: 0, debitsPosted: 9_999, creditsPending: 0, creditsPosted: 0 });
    expect(balanceOf(s, 'merchant')).toEqual({ debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 9_999 });
    expect(sumOfBalances(s, 'CNY')).toBe(0);
    expect(s.journal).toEqual([{ op: 'transfer', ...tx('t1', 'buyer_funds', 'merchant', 9_999) }]);
    expect(balanceOf(s, 'nobody')).toBeUndefined();
  });

  it('counts a pending debit against the limit, then posts or voids it', () => {
    let s = must(applyTransfer(open(), tx('in', 'buyer_funds', 'merchant', 1_000)));
    s = must(applyTransfer(s, tx('p1', 'merchant', 'creator', 700, 'pending')));
    expect(computeAvailable(balanceOf(s, 'merchant')!)).toBe(300);
    expect(applyTransfer(s, tx('t2', 'merchant', 'platform', 301))).toMatchObject({ ok: false, code: 'settlement_exceeds_limit' });
    expect(balanceOf(s, 'creator')).toEqual({ debitsPending: 0, debitsPosted: 0, creditsPending: 700, creditsPosted: 0 });

    const posted = must(postPending(s, { id: 'post1', pendingId: 'p1' }));
    expect(balanceOf(posted, 'merchant')).toEqual({ debitsPending: 0, debitsPosted: 700, creditsPending: 0, creditsPosted: 1_000 });
    expect(balanceOf(posted, 'creator')).toEqual({ debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 700 });
    expect(posted.pending.get('p1')?.status).toBe('posted');

    const voided = must(voidPending(s, { id: 'void1', pendingId: 'p1' }));
    expect(balanceOf(voided, 'merchant')).toEqual({ debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 1_000 });
    expect(balanceOf(voided, 'creator')).toEqual(balanceOf(open(), 'creator'));
    expect(computeAvailable(balanceOf(voided, 'merchant')!)).toBe(1_000);

    expect(voidPending(posted, { id: 'void2', pendingId: 'p1' })).toMatchObject({ ok: false, code: 'settlement_pending_already_resolved' });
    expect(postPending(voided, { id: 'post2', pendingId: 'p1' })).toMatchObject({ ok: false, code: 'settlement_pending_already_resolved' });
    expect(postPending(s, { id: 'post3', pendingId: 'in' })).toMatchObject({ ok: false, code: 'settlement_pending_not_found' });
    expect(postPending(s, { id: 'post4', pendingId: 'ghost' })).toMatchObject({ ok: false, code: 'settlement_pending_not_found' });
  });

  it.each([
    ['unknown debit account', tx('x', 'ghost', 'merchant', 1), 'settlement_unknown_account'],
    ['unknown credit account', tx('x', 'buyer_funds', 'ghost', 1), 'settlement_unknown_account'],
    ['transfer currency differs', tx('x', 'buyer_funds', 'merchant', 1, 'single', 'USD'), 'settlement_currency_mismatch'],
    ['accounts in two currencies', tx('x', 'usd_world', 'merchant', 1, 'single', 'USD'), 'settlement_currency_mismatch'],
    ['zero amount', tx('x', 'buyer_funds', 'merchant', 0), 'settlement_invalid_amount'],
    ['fractional amount', tx('x', 'buyer_funds', 'merchant', 1.5), 'settlement_invalid_amount'],
    ['unsafe amount', tx('x', 'buyer_funds', 'merchant', 2 ** 53), 'settlement_invalid_amount'],
    ['same account', tx('x', 'merchant', 'merchant', 1), 'settlement_same_account'],
    ['debit below zero', tx('x', 'merchant', 'creator', 1), 'settlement_exceeds_limit'],
    ['pending debit below zero', tx('x', 'merchant', 'creator', 1, 'pending'), 'settlement_exceeds_limit'],
  ] as const)('refuses %s and leaves the state as it was', (_name, t, code) => {
    const s = open();
    const out = applyTransfer(s, t);
    expect(out).toMatchObject({ ok: false, code });
    expect(s.journal).toEqual([]);
    expect(balanceOf(s, 'merchant')).toEqual(balanceOf(open(), 'merchant'));
  });

  it('treats the same id with the same content as a replay and other content as a duplicate', () => {
    const s = must(applyTransfer(open(), tx('t1', 'buyer_funds', 'merchant', 500)));
    const again = applyTransfer(s, { ...tx('t1', 'buyer_funds', 'merchant', 500) });
    expect(again).toEqual({ ok: true, replay: true, state: s });
    expect(applyTransfer(s, tx('t1', 'buyer_funds', 'merchant', 501))).toMatchObject({ ok: false, code: 'settlement_duplicate_transfer' });
    expect(postPending(s, { id: 't1', pendingId: 't1' })).toMatchObject({ ok: false, code: 'settlement_duplicate_transfer' });
    const p = must(applyTransfer(s, tx('p', 'merchant', 'creator', 100, 'pending')));
    const posted = must(postPending(p, { id: 'post', pendingId: 'p' }));
    expect(postPending(posted, { id: 'post', pendingId: 'p' })).toEqual({ ok: true, replay: true, state: posted });
    expect(voidPending(posted, { id: 'post', pendingId: 'p' })).toMatchObject({ ok: false, code: 'settlement_duplicate_transfer' });
  });

  it('refuses duplicate account ids when opening', () => {
    expect(openLedger([ACCOUNTS[0]!, ACCOUNTS[0]!])).toMatchObject({ ok: false, code: 'settlement_duplicate_account' });
  });
});

describe('ledger: linked batches (all or none)', () => {
  // A 9,999 fen order paid into the merchant account, then a commission split as one linked batch.
  const funded = must(applyTransfer(open(), tx('pay', 'buyer_funds', 'merchant', 9_999)));
  const split: LedgerOp[] = [
    { op: 'transfer', ...tx('c1', 'merchant', 'creator', 1_998, 'pending') },
    { op: 'transfer', ...tx('c2', 'merchant', 'platform', 310, 'pending') },
    { op: 'post', id: 'c1p', pendingId: 'c1' },
  ];

  it('applies every leg, each seeing the ones before it', () => {
    const out = applyLinked(funded, split);
    expect(out.ok && out.replay).toBe(false);
    const s = must(out as ReturnType<typeof applyOperation>);
    expect(balanceOf(s, 'merchant')).toEqual({ debitsPending: 310, debitsPosted: 1_998, creditsPending: 0, creditsPosted: 9_999 });
    expect(s.journal.map((o) => o.id)).toEqual(['pay', 'c1', 'c2', 'c1p']);
    expect(applyLinked(s, split)).toEqual({ ok: true, replay: true, state: s });
  });

  it('refuses the whole batch with the index and code of the first refusal', () => {
    const bad: LedgerOp[] = [...split, { op: 'transfer', ...tx('c3', 'merchant', 'platform', 9_999 - 1_998 - 310 + 1) }];
    const out = applyLinked(funded, bad);
    expect(out).toMatchObject({ ok: false, index: 3, code: 'settlement_exceeds_limit' });
    expect(funded.journal.map((o) => o.id)).toEqual(['pay']);
    expect(balanceOf(funded, 'creator')).toEqual(balanceOf(open(), 'creator'));
    expect(applyLinked(funded, [split[0]!, { op: 'void', id: 'v', pendingId: 'nope' }])).toMatchObject({ ok: false, index: 1, code: 'settlement_pending_not_found' });
    expect(applyLinked(funded, [])).toEqual({ ok: true, replay: false, state: funded });
  });
});

describe('ledger invariants under random operation sequences (fast-check)', () => {
  // Commands become concrete operations in sequence, so most are valid (fresh ids, pending ids that
  // exist) while replays, reused ids, double resolutions, overdrafts and bad input still occur.
  const CNY_IDS = ['buyer_funds', 'merchant', 'creator', 'platform'];
  const commandArb = fc.record({
    what: fc.constantFrom('single', 'single', 'pending', 'pending', 'post', 'void', 'resend', 'invalid'),
    debit: fc.oneof(fc.constant(0), fc.nat(CNY_IDS.length - 1)), credit: fc.nat(CNY_IDS.length - 2), amountFen: fc.integer({ min: 1, max: 3_000 }),
    pick: fc.nat(1_000), linkToPrevious: fc.boolean(),
  });
  const INVALID: ReadonlyArray<(t: Transfer) => Transfer> = [
    (t) => ({ ...t, amountFen: 0 }), (t) => ({ ...t, amountFen: 2.5 }), (t) => ({ ...t, currency: 'USD' }),
    (t) => ({ ...t, debit: 'ghost' }), (t) => ({ ...t, credit: t.debit }), (t) => ({ ...t, credit: 'usd_merchant' }),
  ];
  type Command = typeof commandArb extends fc.Arbitrary<infer C> ? C : never;
  const toSteps = (commands: readonly Command[]): LedgerOp[][] => {
    const steps: LedgerOp[][] = [];
    const made: LedgerOp[] = [];
    const pendingIds: string[] = [];
    for (const [n, c] of commands.entries()) {
      const base = tx(`t${n}`, CNY_IDS[c.debit]!, CNY_IDS[(c.debit + 1 + c.credit) % CNY_IDS.length]!, c.amountFen, c.what === 'pending' ? 'pending' : 'single');
      const previous = made[c.pick % Math.max(made.length, 1)];
      let op: LedgerOp;
      if (c.what === 'post' || c.what === 'void') op = { op: c.what, id: `r${n}`, pendingId: pendingIds[c.pick % Math.max(pendingIds.length, 1)] ?? 'ghost' };
      else if (c.what === 'resend' && previous !== undefined) op = c.pick % 3 === 0 && previous.op === 'transfer' ? { ...previous, amountFen: previous.amountFen + 1 } : previous;
      else if (c.what === 'invalid') op = { op: 'transfer', ...INVALID[c.pick % INVALID.length]!(base) };
      else op = { op: 'transfer', ...base };
      made.push(op);
      if (op.op === 'transfer' && op.kind === 'pending') pendingIds.push(op.id);
      const last = steps.at(-1);
      if (c.linkToPrevious && last !== undefined && last.length < 4) last.push(op);
      else steps.push([op]);
    }
    return steps;
  };
  const stepsArb = fc.array(commandArb, { minLength: 1, maxLength: 40, size: 'max' }).map(toSteps);

  const countersOf = (s: LedgerState) => Object.fromEntries(ACCOUNTS.map((a) => [a.id, balanceOf(s, a.id)]));

  it('keeps every transfer balanced, currency sums at zero, limits, and journal replays exact', () => {
    fc.assert(fc.property(stepsArb, (steps) => {
      let s = open();
      const snapshots: Array<{ length: number; counters: ReturnType<typeof countersOf> }> = [{ length: 0, counters: countersOf(s) }];
      for (const ops of steps) {
        const before = s;
        const out = ops.length === 1 ? applyOperation(s, ops[0]!) : applyLinked(s, ops);
        // The input state is never mutated, whatever the outcome.
        expect(countersOf(before)).toEqual(snapshots.at(-1)!.counters);
        expect(before.journal.length).toBe(snapshots.at(-1)!.length);
        if (!out.ok) continue;
        s = out.state;
        // Each applied entry moves the same amount out of one account as into another.
        for (const op of s.journal.slice(before.journal.length)) {
          const t = op.op === 'transfer' ? op : s.pending.get(op.pendingId)!.transfer;
          expect(t.debit).not.toBe(t.credit);
          expect(Number.isSafeInteger(t.amountFen) && t.amountFen > 0).toBe(true);
        }
        const totals = (st: LedgerState) => ACCOUNTS.reduce((n, a) => {
          const b = balanceOf(st, a.id)!;
          return { debits: n.debits + b.debitsPending + b.debitsPosted, credits: n.credits + b.creditsPending + b.creditsPosted };
        }, { debits: 0, credits: 0 });
        const [was, now] = [totals(before), totals(s)];
        expect(now.debits - was.debits).toBe(now.credits - was.credits);
        if (out.replay) expect(s).toBe(before);
        for (const currency of ['CNY', 'USD']) expect(sumOfBalances(s, currency)).toBe(0);
        for (const a of ACCOUNTS) {
          const b = balanceOf(s, a.id)!;
          if (!a.allowNegative) expect(computeAvailable(b)).toBeGreaterThanOrEqual(0);
          for (const v of Object.values(b)) expect(v).toBeGreaterThanOrEqual(0);
        }
        const pendingSum = [...s.pending.values()].filter((p) => p.status === 'pending').reduce((n, p) => n + p.transfer.amountFen, 0);
        expect(ACCOUNTS.reduce((n, a) => n + balanceOf(s, a.id)!.debitsPending, 0)).toBe(pendingSum);
        snapshots.push({ length: s.journal.length, counters: countersOf(s) });
      }
      for (const snap of snapshots) {
        const rebuilt = replayJournal(ACCOUNTS, s.journal.slice(0, snap.length));
        expect(rebuilt.ok).toBe(true);
        if (rebuilt.ok) expect(countersOf(rebuilt.state)).toEqual(snap.counters);
      }
    }), { numRuns: 300 });
  });

  it('reports the index of a journal entry that cannot be replayed', () => {
    const journal: LedgerOp[] = [{ op: 'transfer', ...tx('a', 'buyer_funds', 'merchant', 5) }, { op: 'post', id: 'b', pendingId: 'a' }];
    expect(replayJournal(ACCOUNTS, journal)).toMatchObject({ ok: false, index: 1, code: 'settlement_pending_not_found' });
  });
});
