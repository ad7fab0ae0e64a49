import { EconomyError, InvalidEconomyInputError } from '../errors';

/**
 * Errors of the buyback-and-burn ledger. One class per failure mode a caller handles
 * differently; each carries a short message and structured details.
 */

/** Another live process (or another open ledger in this process) holds the ledger directory. */
export class LedgerLockedError extends EconomyError {
  constructor(readonly dir: string, readonly pid: number) {
    super(`the ledger in ${dir} is in use by process ${pid} (remove ${dir}/ledger.lock only if that process is gone)`, { dir, pid });
  }
}

/**
 * The journal is damaged before its last line (a torn last line is repaired on open, this is
 * not): a bad checksum, a line that is not an entry, a sequence gap. Names the file and line.
 */
export class LedgerCorruptError extends EconomyError {
  constructor(readonly file: string, readonly line: number, reason: string) {
    super(`ledger journal ${file} is corrupt at line ${line}: ${reason}`, { file, line, reason });
  }
}

/**
 * An entry that does not follow from the ones before it (an order confirmed that was never
 * intended, a revenue spent twice). Found on replay, it names the file and line; refused on
 * append, it names the entry.
 */
export class LedgerInvariantError extends EconomyError {}

/** A revenue id used again with different content (the same id with the same content is a no-op). */
export class RevenueConflictError extends EconomyError {}

/** A revenue amount, rate or id that is not acceptable (negative, zero, too many decimals). */
export class InvalidRevenueError extends InvalidEconomyInputError {}

/** An accounting record cannot be closed now (an order is still in flight, no block range to cover). */
export class RecordBlockedError extends EconomyError {}

/** The node can do no buyback: it has neither `add_stake_burn` nor both `add_stake` and `burn_alpha`. Nothing was written. */
export class BuybackUnsupportedError extends EconomyError {
  constructor(readonly specVersion: number, readonly missing: readonly string[], reason?: string) {
    super(reason ?? `the node (runtime spec ${specVersion}) cannot buy back: it lacks ${missing.join(', ')}; nothing was written to the ledger`, { specVersion, missing });
  }
}
