import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDecimal, formatDecimal, usdToRao } from './decimal';
import type { JournalLine, LedgerEntry, RevenueEntry } from './entries';
import { InvalidRevenueError, LedgerCorruptError, LedgerInvariantError, RevenueConflictError } from './errors';
import { JOURNAL_FILE, JournalWriter, readJournal } from './journal';
import { acquireLock } from './lock';
import { applyLine, emptyState, type LedgerState, type MutableState, type Revenue } from './state';

/**
 * The points between the ledger's steps, where a test hook may stop the process to show that a
 * crash there loses nothing and burns nothing twice (see docs/economy-ledger.md).
 *
 * - `*.intended`: the plan is in the journal, nothing is signed;
 * - `*.signed`: signed in memory, not yet in the journal (nothing has left the process);
 * - `*.submitted`: the signed bytes and hash are in the journal, not yet sent;
 * - `*.sent`: handed to the node, the outcome not yet known;
 * - `*.included`: the chain's outcome is known, not yet in the journal;
 * - `*.settled`: confirmed (or failed) in the journal.
 */
export const TX_STEPS = ['intended', 'signed', 'submitted', 'sent', 'included', 'settled'] as const;
export type TxStep = (typeof TX_STEPS)[number];
/** `burn.*`: the second leg (`burn_alpha`) of an order made of `add_stake` then `burn_alpha`. */
export type LedgerStep = `order.${TxStep}` | `burn.${TxStep}` | `record.${TxStep}`;

/** Called after each step; a hook that throws stops the operation there, as a crash would. */
export type LedgerHook = (step: LedgerStep, detail: Readonly<Record<string, unknown>>) => void | Promise<void>;

export interface LedgerOptions {
  /** Clock for entry times (default: the system clock). */
  readonly now?: () => Date;
  readonly hook?: LedgerHook;
  /**
   * Read the journal without taking the lock or changing the file (a torn last line is
   * skipped, not cut): for reports such as `pog economy books` next to a running buyback.
   * Appending to a read-only ledger is refused.
   */
  readonly readOnly?: boolean;
}

export interface RevenueInput {
  /** Idempotency key: adding the same id again with the same amount is a no-op. Default: a fresh id. */
  readonly id?: string;
  /** USD received; needs `usdPerTao`. */
  readonly usd?: string;
  /** USD per TAO used to convert `usd`, as the operator states it (no price feed is consulted). */
  readonly usdPerTao?: string;
  /** TAO received. */
  readonly tao?: string;
  /** What the revenue is for, e.g. `api`, `rental`, `demo`. */
  readonly source?: string;
}

export interface AddRevenueResult {
  readonly revenue: Revenue;
  /** False when the id was already recorded with the same content. */
  readonly added: boolean;
}

const REVENUE_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The buyback-and-burn ledger: a directory holding an append-only journal (`journal.jsonl`)
 * and a lock file. Opening it takes the lock, cuts a torn last line and replays the journal;
 * every change is one durable append. One process at a time.
 */
export class Ledger {
  readonly dir: string;
  /** Bytes of a torn last line cut off when the ledger was opened (0 when none). */
  readonly repairedBytes: number;
  readonly #writer: JournalWriter | null;
  readonly #state: MutableState;
  readonly #release: () => void;
  readonly #now: () => Date;
  readonly #hook: LedgerHook | undefined;
  #broken: Error | null = null;
  #closed = false;

  private constructor(dir: string, writer: JournalWriter | null, state: MutableState, release: () => void, repairedBytes: number, options: LedgerOptions) {
    this.dir = dir;
    this.#writer = writer;
    this.#state = state;
    this.#release = release;
    this.repairedBytes = repairedBytes;
    this.#now = options.now ?? (() => new Date());
    this.#hook = options.hook;
  }

  /**
   * Opens (creating when needed) the ledger in `dir`.
   *
   * @throws LedgerLockedError when another live process holds it.
   * @throws LedgerCorruptError naming the file and line of a damaged or inconsistent entry.
   */
  static open(dir: string, options: LedgerOptions = {}): Ledger {
    const abs = resolve(dir);
    if (options.readOnly && !existsSync(join(abs, JOURNAL_FILE))) throw new LedgerInvariantError(`there is no ledger in ${abs} (no ${JOURNAL_FILE})`, { dir: abs });
    if (!options.readOnly) mkdirSync(abs, { recursive: true });
    const release = options.readOnly ? () => undefined : acquireLock(abs);
    try {
      const { lines, truncatedBytes } = readJournal(abs, { repair: !options.readOnly });
      const state = emptyState();
      for (const line of lines) {
        try {
          applyLine(state, line);
        } catch (error) {
          if (error instanceof LedgerInvariantError) throw new LedgerCorruptError(join(abs, JOURNAL_FILE), line.seq, error.message);
          throw error;
        }
      }
      const ledger = new Ledger(abs, options.readOnly ? null : new JournalWriter(abs, state.lastSeq), state, release, truncatedBytes, options);
      if (state.lastSeq === 0 && !options.readOnly) ledger.append({ kind: 'ledger.created', format: 1, time: ledger.now() });
      return ledger;
    } catch (error) {
      release();
      throw error;
    }
  }

  get journalFile(): string {
    return join(this.dir, JOURNAL_FILE);
  }

  /** The state the journal replays to, including every append so far. */
  get state(): LedgerState {
    return this.#state;
  }

  now(): string {
    return this.#now().toISOString();
  }

  /**
   * Checks `entry` against the state, applies it and writes it durably before returning. An
   * entry that does not follow from the state is refused (LedgerInvariantError) and nothing is
   * written.
   */
  append(entry: LedgerEntry): JournalLine {
    if (this.#closed) throw new LedgerInvariantError(`the ledger in ${this.dir} is closed`);
    if (!this.#writer) throw new LedgerInvariantError(`the ledger in ${this.dir} is open read-only`);
    if (this.#broken) throw new LedgerInvariantError(`the ledger in ${this.dir} failed to write an entry; reopen it`, { cause: this.#broken.message });
    const line: JournalLine = { seq: this.#state.lastSeq + 1, entry };
    applyLine(this.#state, line); // checks everything before it changes anything
    try {
      this.#writer.append(entry);
    } catch (error) {
      // The state now holds an entry the disk may not: refuse further use until reopened.
      this.#broken = error as Error;
      throw error;
    }
    return line;
  }

  /** Runs the hook for `step` (a test's crash point). */
  async step(step: LedgerStep, detail: Readonly<Record<string, unknown>> = {}): Promise<void> {
    if (this.#hook) await this.#hook(step, detail);
  }

  /**
   * Records revenue: USD at an explicit USD/TAO rate, or TAO. Idempotent on `id`: the same id
   * with the same currency, amount, rate and source is not added again; with other content it
   * is a RevenueConflictError.
   */
  addRevenue(input: RevenueInput): AddRevenueResult {
    const entry = this.revenueEntry(input);
    const existing = this.#state.revenues.get(entry.id);
    if (existing) {
      const same = existing.currency === entry.currency && existing.amount === entry.amount && existing.usdPerTao === entry.usdPerTao && existing.source === entry.source;
      if (!same) {
        throw new RevenueConflictError(`revenue ${entry.id} is already recorded with other content (${existing.amount} ${existing.currency}${existing.usdPerTao ? ` at ${existing.usdPerTao} USD/TAO` : ''}, source ${existing.source || '-'})`, {
          id: entry.id,
        });
      }
      return { revenue: existing, added: false };
    }
    this.append(entry);
    return { revenue: this.#state.revenues.get(entry.id)!, added: true };
  }

  private revenueEntry(input: RevenueInput): RevenueEntry {
    const id = input.id ?? `rev-${this.#now().getTime()}-${randomBytes(4).toString('hex')}`;
    if (!REVENUE_ID.test(id)) throw new InvalidRevenueError(`revenue id "${id}" must be 1 to 200 printable characters without spaces`, { id });
    const source = input.source ?? '';
    if (source.length > 200) throw new InvalidRevenueError('the revenue source is longer than 200 characters');
    const hasUsd = input.usd !== undefined;
    const hasTao = input.tao !== undefined;
    if (hasUsd === hasTao) throw new InvalidRevenueError('give the revenue either in USD (with a USD/TAO rate) or in TAO, not both or neither');
    let taoRao: bigint;
    let amount: bigint;
    let rate: bigint | null = null;
    if (hasUsd) {
      if (input.usdPerTao === undefined) throw new InvalidRevenueError('USD revenue needs the USD/TAO rate used to convert it (--rate USD_PER_TAO)');
      amount = parseDecimal('usd', input.usd!);
      rate = parseDecimal('rate', input.usdPerTao);
      if (rate === 0n) throw new InvalidRevenueError('the USD/TAO rate must be more than 0');
      taoRao = usdToRao(amount, rate);
    } else {
      if (input.usdPerTao !== undefined) throw new InvalidRevenueError('a USD/TAO rate is only used with USD revenue');
      amount = parseDecimal('tao', input.tao!);
      taoRao = amount;
    }
    if (amount === 0n) throw new InvalidRevenueError('the revenue amount must be more than 0');
    if (taoRao === 0n) throw new InvalidRevenueError(`${formatDecimal(amount)} USD at ${formatDecimal(rate!)} USD/TAO is less than 1 rao`);
    return {
      kind: 'revenue',
      id,
      currency: hasUsd ? 'USD' : 'TAO',
      amount: formatDecimal(amount),
      usdPerTao: rate === null ? null : formatDecimal(rate),
      taoRao: taoRao.toString(),
      source,
      time: this.now(),
    };
  }

  /**
   * Releases the lock and the journal. Writes nothing: the journal on disk is exactly what a
   * crash at this moment would leave.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#writer?.close();
    this.#release();
  }
}
