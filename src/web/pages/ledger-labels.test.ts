import { afterAll, describe, expect, it, vi } from 'vitest';
import { setLang } from '../i18n.js';
import { accountLabel, accountParts, balanceRows, formatMoney, memoName, mergeJournal, signedAmount, sortAccounts, summarize, transferStatusName } from './ledger-labels.js';
import type { JournalEntry, LedgerAccount, LedgerBalance } from './ledger-types.js';

/** An account as the API answers it, its derived balances computed as src/modules/settlement/ledger.service.ts does. */
function account(id: string, b: Partial<LedgerBalance>): LedgerAccount {
  const balance = { debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 0, ...b };
  const postedFen = balance.creditsPosted - balance.debitsPosted;
  return {
    id, kind: accountParts(id).kind as LedgerAccount['kind'], ref: null, currency: id.slice(-3), allowNegative: id.startsWith('payments') || id.startsWith('receivable'),
    balance, postedFen, pendingFen: balance.creditsPending - balance.debitsPending, availableFen: postedFen - balance.debitsPending,
  };
}

function entry(seq: number, memo: JournalEntry['memo'], debit: string, credit: string, amountFen: number, status: JournalEntry['status'] = null): JournalEntry {
  return { seq, id: `e${seq}`, op: memo === 'post' || memo === 'void' ? memo : 'transfer', debit, credit, amountFen, currency: 'CNY', kind: null, pendingId: null, orderId: 'ord_1', memo, at: 0, status };
}

// The API test's shop (test/api/ledger.test.ts), worked by hand: order A (13,800 fen, creator c_star)
// split 690 platform / 2,760 creator / 690 MCN / 9,660 merchant and still pending; order B (1,500 fen)
// refunded inside its window; the pool topped up with 500 fen; order C (19,900 fen) posted and its
// missed promise compensated 995 fen (500 from the pool, 495 from the merchant); creator c_star owes
// back 276 fen of an after-sale refund.
const ACCOUNTS: LedgerAccount[] = [
  account('receivable:creator:c_star:CNY', { debitsPosted: 276 }),
  account('buyer_refunds:CNY', { creditsPosted: 1_500 + 995 }),
  account('creator:c_star:CNY', { creditsPending: 2_760 }),
  account('merchant:t1:CNY', { creditsPending: 9_660, creditsPosted: 18_905, debitsPosted: 495 }),
  account('payments:CNY', { debitsPosted: 13_800 + 1_500 + 500 + 19_900 }),
  account('clearing:CNY', { creditsPosted: 13_800 + 1_500 + 19_900 + 276, debitsPending: 13_800, debitsPosted: 1_500 + 19_900 + 276 }),
  account('compensation_pool:CNY', { creditsPosted: 500, debitsPosted: 500 }),
  account('mcn:mcn_1:CNY', { creditsPending: 690 }),
  account('platform:CNY', { creditsPending: 690, creditsPosted: 995 }),
  account('platform:USD', { creditsPosted: 100 }),
];

describe('ledger labels', () => {
  afterAll(() => { setLang('en', false); vi.unstubAllGlobals(); });

  it('names accounts, memos and statuses in English (the default outside a browser)', () => {
    expect(['payments:CNY', 'clearing:CNY', 'platform:CNY', 'merchant:t1:CNY', 'creator:c_x:CNY', 'mcn:m_1:CNY', 'buyer_refunds:CNY', 'compensation_pool:CNY', 'receivable:creator:c_star:CNY', 'platform:USD', 'receivable:payments:CNY', 'my:own'].map(accountLabel))
      .toEqual(['Payments', 'Clearing', 'Platform', 'Merchant', 'Creator c_x', 'MCN m_1', 'Buyer refunds', 'Compensation pool', 'Receivable · Creator c_star', 'Platform (USD)', 'receivable:payments:CNY', 'my:own']);
    const memos = ['payment', 'split', 'post', 'void', 'refund', 'clawback', 'receivable', 'recover', 'compensation', 'fund', 'manual'];
    expect(memos.map(memoName)).toEqual(['Payment', 'Split', 'Post', 'Void', 'Refund', 'Clawback', 'Receivable', 'Recover', 'Compensation', 'Fund', 'Manual']);
    expect([transferStatusName('pending'), transferStatusName('voided'), transferStatusName(null)]).toEqual(['Pending', 'Voided', '']);
    expect([formatMoney(123_456), formatMoney(-276), formatMoney(1_234, 'USD')]).toEqual(['¥1,234.56', '-¥2.76', '12.34 USD']);
  });

  it('names them in Chinese', () => {
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    setLang('zh', false);
    expect(['payments:CNY', 'clearing:CNY', 'platform:CNY', 'merchant:t1:CNY', 'creator:c_x:CNY', 'mcn:m_1:CNY', 'buyer_refunds:CNY', 'compensation_pool:CNY', 'receivable:mcn:m_1:CNY'].map(accountLabel))
      .toEqual(['支付渠道', '清算', '平台', '商家', '达人 c_x', 'MCN m_1', '买家退款', '赔付池', '应收 · MCN m_1']);
    const memos = ['payment', 'split', 'post', 'void', 'refund', 'clawback', 'receivable', 'recover', 'compensation', 'fund', 'manual'];
    expect(memos.map(memoName)).toEqual(['收款', '分账', '入账', '撤销', '退款', '追回', '记应收', '偿还', '赔付', '注资', '手工']);
    expect([transferStatusName('pending'), transferStatusName('posted'), transferStatusName('voided')]).toEqual(['待结算', '已入账', '已撤销']);
    setLang('en', false);
  });

  it('sums the headline numbers from the accounts and the compensation paid (995 fen: 500 from the pool, 495 from the merchant)', () => {
    expect(summarize(ACCOUNTS, 995)).toEqual({
      paidIn: 35_700, held: 13_800,
      // Posted: platform 995 + merchant 18,410 (18,905 − 495 compensation); the pending legs are not paid out.
      paidOut: 995 + 18_410,
      refunded: 1_500, compensation: 995, receivables: 276,
    });
  });

  it('draws one row per party account, its receivable folded in as a negative part', () => {
    const rows = balanceRows([...ACCOUNTS, account('receivable:mcn:m_new:CNY', { debitsPosted: 40 }), account('creator:c_a:CNY', { creditsPosted: 7 })]);
    expect(rows.map((r) => [r.account, r.label, r.pendingFen, r.postedFen, r.receivableFen])).toEqual([
      ['platform:CNY', 'Platform', 690, 995, 0],
      ['merchant:t1:CNY', 'Merchant', 9_660, 18_410, 0],
      ['creator:c_a:CNY', 'Creator c_a', 0, 7, 0],
      ['creator:c_star:CNY', 'Creator c_star', 2_760, 0, -276],
      ['mcn:m_new:CNY', 'MCN m_new', 0, 0, -40],
      ['mcn:mcn_1:CNY', 'MCN mcn_1', 690, 0, 0],
      ['compensation_pool:CNY', 'Compensation pool', 0, 0, 0],
    ]);
  });

  it('orders the accounts table: money in, clearing, parties, pool, buyer refunds, receivables, others', () => {
    expect(sortAccounts([...ACCOUNTS, account('zz:custom', {})]).map((a) => a.id)).toEqual([
      'payments:CNY', 'clearing:CNY', 'platform:CNY', 'platform:USD', 'merchant:t1:CNY', 'creator:c_star:CNY', 'mcn:mcn_1:CNY',
      'compensation_pool:CNY', 'buyer_refunds:CNY', 'receivable:creator:c_star:CNY', 'zz:custom',
    ]);
  });

  it('signs an entry for an account and merges a refreshed journal page', () => {
    const pay = entry(1, 'payment', 'payments:CNY', 'clearing:CNY', 13_800);
    expect([signedAmount(pay, 'clearing:CNY'), signedAmount(pay, 'payments:CNY'), signedAmount(pay, 'platform:CNY')]).toEqual([13_800, -13_800, 0]);
    const shown = [entry(3, 'split', 'clearing:CNY', 'platform:CNY', 690, 'pending'), entry(2, 'split', 'clearing:CNY', 'creator:c_star:CNY', 2_760, 'pending'), pay];
    // Two new entries, and the shown split's status changed: the fresh page wins, nothing is lost.
    const fresh = [entry(5, 'refund', 'clearing:CNY', 'buyer_refunds:CNY', 13_800), entry(4, 'void', 'clearing:CNY', 'platform:CNY', 690), entry(3, 'split', 'clearing:CNY', 'platform:CNY', 690, 'voided')];
    const merged = mergeJournal(shown, fresh);
    expect([merged.restarted, merged.entries.map((e) => [e.seq, e.status])]).toEqual([false, [[5, null], [4, null], [3, 'voided'], [2, 'pending'], [1, null]]]);
    // A fresh page that does not reach back to what is shown (seq 4 unknown) restarts from it alone.
    const gap = mergeJournal(shown, [entry(6, 'refund', 'clearing:CNY', 'buyer_refunds:CNY', 1), entry(5, 'refund', 'clearing:CNY', 'buyer_refunds:CNY', 1)]);
    expect([gap.restarted, gap.entries.map((e) => e.seq)]).toEqual([true, [6, 5]]);
    expect(mergeJournal([], [pay]).entries).toEqual([pay]);
  });
});
