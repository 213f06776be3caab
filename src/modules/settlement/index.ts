/**
 * The settlement module (issue 8, in progress): a double-entry commission ledger. Today the pure core —
 * largest-remainder splits and a TigerBeetle-style ledger (single, pending / post / void and linked
 * transfers, limits, idempotent ids, journal replay). See README.md.
 */
export { BASIS_POINTS_WHOLE, splitByLargestRemainder, type SplitLeg, type SplitOutcome, type SplitWeight } from './domain/split.js';
export {
  ZERO_BALANCE, applyLinked, applyOperation, applyTransfer, balanceOf, computeAvailable, openLedger, postPending, replayJournal, sumOfBalances, voidPending,
  type Account, type AccountBalance, type LedgerBatchOutcome, type LedgerOp, type LedgerOutcome, type LedgerRefusal, type LedgerRefusalCode, type LedgerState,
  type PendingStatus, type PostPending, type Transfer, type VoidPending,
} from './domain/ledger.js';
export { accountOf, planOrderSplit, selectRule, type CommissionRule, type OrderFacts, type Party, type SplitPlan } from './domain/commission.js';
