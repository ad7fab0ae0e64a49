import { big, type Database, type Queryable } from '../db/database';
import { nowMs } from '../ids';
import { DEFAULT_REPUTATION_WINDOW } from './eligible-miners';

/**
 * Miners' checked jobs (seed 004's reputation input): validated, or a failed validation when
 * the miner's outputs disagreed with the agreeing majority. Only checked jobs count (an
 * unchecked job says nothing about the miner). Recorded inside the job's settling transaction,
 * once per (miner, job).
 */
export class MinerOutcomes {
  constructor(private readonly db: Database) {}

  async recordIn(tx: Queryable, miner: string, jobId: string, validated: boolean): Promise<void> {
    await tx.run('INSERT INTO miner_outcomes (miner, job_id, validated, created_ms) VALUES (?, ?, ?, ?) ON CONFLICT (miner, job_id) DO NOTHING', [miner, jobId, validated ? 1n : 0n, nowMs()]);
  }

  /** Each miner's last `window` outcomes, oldest first. */
  async history(miners: readonly string[], window = DEFAULT_REPUTATION_WINDOW): Promise<Map<string, boolean[]>> {
    const out = new Map<string, boolean[]>();
    for (const miner of miners) {
      const rows = await this.db.all('SELECT validated FROM miner_outcomes WHERE miner = ? ORDER BY seq DESC LIMIT ?', [miner, BigInt(window)]);
      out.set(miner, rows.map((r) => big(r.validated) === 1n).reverse());
    }
    return out;
  }
}
