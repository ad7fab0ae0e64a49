/**
 * The buyback-and-burn ledger: revenue in, `add_stake_burn` orders out, each burn reconciled
 * with the chain, a per-epoch accounting record published as evidence. Durable and idempotent:
 * a crash between any two steps, then a restart, loses no entry and burns nothing twice.
 * The chain is reached only through `LedgerChainPort`. See docs/economy-ledger.md.
 */
export { Ledger, TX_STEPS, type TxStep, type LedgerStep, type LedgerHook, type LedgerOptions, type RevenueInput, type AddRevenueResult } from './ledger';
export {
  type LedgerState,
  type Revenue,
  type Order,
  type EpochRecord,
  type TxState,
  isLive,
  currentRecord,
  confirmedRecords,
} from './state';
export type { Inclusion, SignedTx, LedgerEntry, LedgerEntryKind, JournalLine, RevenueEntry } from './entries';
export { JOURNAL_FILE, readJournal, formatLine, lineChecksum } from './journal';
export { LOCK_FILE } from './lock';
export type { LedgerChainPort, LedgerCall, ChainHead, BurnEvent, RemarkEvent, RegistrationFee, TxOutcome, SendResult, BuybackWindow, BuybackMethod, BuybackCapabilities, StakeEvent, AlphaBurnEvent } from './chain-port';
export { driveTx, type TxSubject, type DriveResult } from './drive-tx';
export {
  runBuyback,
  recoverOrders,
  unspentRevenue,
  liveOrders,
  nextAttempt,
  DEFAULT_MIN_ORDER_RAO,
  DEFAULT_WAIT_TIMEOUT_MS,
  type BuybackOptions,
  type BuybackReport,
  type BuybackBlock,
} from './buyback';
export { orderKey } from './order-key';
export { closeRecord, recordFile, recomputeRecordHash, RECORD_FORMAT, type AccountingRecord, type CloseRecordOptions, type CloseRecordResult } from './epoch-record';
export { booksTotals, checkBooks, ordersInFlight, type BooksTotals, type BooksCheck, type Mismatch, type CheckBooksOptions } from './books';
export { blake2Hex } from './canonical-json';
export { canonicalJson } from '../../base';
export { parseDecimal, formatDecimal, usdToRao } from './decimal';
export { LedgerLockedError, LedgerCorruptError, LedgerInvariantError, RevenueConflictError, InvalidRevenueError, RecordBlockedError, BuybackUnsupportedError } from './errors';
