/**
 * The settlement module (issue 8): a double-entry commission ledger — order splits on payment by
 * published rules, pending until the refund window closes, refunds (void, or clawback with receivables),
 * compensation from the pool, statements and a self-check. See README.md and ADR 0015.
 */
export { BASIS_POINTS_WHOLE, apportionByWeights, splitByLargestRemainder, type SplitLeg, type SplitOutcome, type SplitWeight } from './domain/split.js';
export {
  ZERO_BALANCE, applyLinked, applyOperation, applyTransfer, balanceOf, computeAvailable, openLedger, postPending, replayJournal, sumOfBalances, voidPending,
  type Account, type AccountBalance, type LedgerBatchOutcome, type LedgerOp, type LedgerOutcome, type LedgerRefusal, type LedgerRefusalCode, type LedgerState,
  type PendingStatus, type PostPending, type Transfer, type VoidPending,
} from './domain/ledger.js';
export { accountId, chartAccount, isValidRef, parseAccountId, receivableOf, type AccountKind, type ParsedAccount, type Party } from './domain/accounts.js';
export { partyAccount, paymentTransferId, planOrderSplit, selectRule, type CommissionRule, type LineFacts, type OrderFacts, type OrderLeg, type SplitPlan } from './domain/commission.js';
export { planCompensation, planRefund, planSettle, viewOf, type BalanceView, type Clawback, type CompensationRecord, type RefundRecord, type SplitRecord } from './domain/order-settlement.js';
export { operationProblems, ruleProblems } from './domain/rules.js';
export { LedgerService, type AccountView, type LedgerCheck, type LedgerOptions, type Statement } from './ledger.service.js';
export type { CommandResult, LedgerCommand } from './ledger-book.js';
export type { JournalFilter, JournalMemo, JournalRow, LedgerStore, LedgerWrite, StoredAccount, StoredTransfer } from './ledger.store.js';
