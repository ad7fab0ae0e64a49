import type { ChainClient } from '../../chain';
import { getFinalizedHead, getTransfers, type BalanceTransfer } from '../../chain';
import type { Logger } from '../../logging';
import type { CreditBook } from '../credits/credit-book';
import { big, one, type Database } from '../db/database';
import { nowMs } from '../ids';

const CURSOR = 'tao_deposits';

export interface DepositScanReport {
  /** Blocks scanned this call (each committed with its credits). */
  readonly blocks: number;
  /** The last block scanned (the cursor). */
  readonly cursor: number;
  readonly credited: ReadonlyArray<BalanceTransfer & { accountId: string }>;
  /** Transfers in the scanned blocks to addresses that are no account's deposit address: ignored. */
  readonly ignored: number;
}

export interface TaoDepositsOptions {
  /** The first block to scan where no cursor is stored yet (default: the finalized head at first start, since no deposit address exists before the gateway does). */
  readonly fromBlock?: number;
  /** At most this many blocks per `scan()` call, so one call stays short (default 64). */
  readonly maxBlocks?: number;
}

/**
 * Credits TAO deposits: scans finalized blocks in order for `Balances.Transfer` events to an
 * account's deposit address. Each block's credits and the cursor move commit in one
 * transaction, and each transfer is keyed by (block, extrinsic index, event index), so a crash
 * mid-scan, a rescan or a second gateway scanning the same chain credits every transfer
 * exactly once. Only finalized blocks are read: a credited deposit cannot be reverted.
 * 1 rao deposited = 1 credit unit.
 */
export class TaoDeposits {
  constructor(
    private readonly db: Database,
    private readonly book: CreditBook,
    private readonly client: ChainClient,
    private readonly logger: Logger,
    private readonly options: TaoDepositsOptions = {},
  ) {}

  async cursor(): Promise<number | null> {
    const row = await one(this.db, 'SELECT block_number FROM chain_cursors WHERE name = ?', [CURSOR]);
    return row ? Number(big(row.block_number)) : null;
  }

  async scan(): Promise<DepositScanReport> {
    const finalized = await getFinalizedHead(this.client);
    let cursor = await this.cursor();
    if (cursor === null) {
      cursor = (this.options.fromBlock ?? finalized.number + 1) - 1;
      await this.db.run('INSERT INTO chain_cursors (name, block_number) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [CURSOR, BigInt(cursor)]);
      cursor = (await this.cursor()) ?? cursor;
    }
    const last = Math.min(finalized.number, cursor + (this.options.maxBlocks ?? 64));
    const credited: Array<BalanceTransfer & { accountId: string }> = [];
    let ignored = 0;
    for (let n = cursor + 1; n <= last; n++) {
      const { transfers } = await getTransfers(this.client, { blockNumber: n });
      const result = await this.db.transaction(async (tx) => {
        const mine: Array<BalanceTransfer & { accountId: string }> = [];
        let skipped = 0;
        for (const t of transfers) {
          const account = await one(tx, 'SELECT id FROM accounts WHERE deposit_address = ?', [t.to]);
          if (!account || t.amount <= 0n) {
            skipped++;
            continue;
          }
          const accountId = String(account.id);
          const inserted = await tx.run(
            'INSERT INTO tao_deposits (block_number, extrinsic_index, event_index, block_hash, from_address, to_address, amount, account_id, credited_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
            [BigInt(n), BigInt(t.extrinsicIndex), BigInt(t.eventIndex), t.blockHash, t.from, t.to, t.amount, accountId, nowMs()],
          );
          if (inserted === 1 && (await this.book.credit(tx, accountId, 'deposit_tao', t.amount, `tao:${n}:${t.extrinsicIndex}:${t.eventIndex}`))) mine.push({ ...t, accountId });
        }
        await tx.run('UPDATE chain_cursors SET block_number = ? WHERE name = ? AND block_number < ?', [BigInt(n), CURSOR, BigInt(n)]);
        return { mine, skipped };
      });
      for (const c of result.mine) this.logger.info({ accountId: c.accountId, block: n, extrinsic: c.extrinsicIndex, amount: c.amount.toString() }, 'TAO deposit credited');
      credited.push(...result.mine);
      ignored += result.skipped;
    }
    return { blocks: Math.max(0, last - cursor), cursor: Math.max(cursor, last), credited, ignored };
  }
}
