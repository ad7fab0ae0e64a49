import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';

/** The chain's own time at its head and its recent block time, both from `Timestamp.Now`. */
export interface ChainClock {
  readonly block: number;
  /** `Timestamp.Now` of the head block, in seconds */
  readonly nowSeconds: number;
  /** median gap between the last blocks, in seconds (the default when the chain is too young) */
  readonly blockTimeSeconds: number;
}

/** Subtensor's target block time (12 s), used until the chain has enough blocks to measure. */
export const DEFAULT_BLOCK_TIME_SECONDS = 12;

async function timestampAt(api: ApiPromise, block: number): Promise<number> {
  const hash = await api.rpc.chain.getBlockHash(block);
  const at = await api.at(hash);
  return Number(((await at.query.timestamp.now()) as Codec).toString());
}

/**
 * Reads the head's `Timestamp.Now` and the timestamps of up to `samples` blocks before it; the
 * median gap is robust to a pause in block production (or to a dev chain that makes blocks in
 * bursts), where a mean would not be.
 */
export async function readChainClock(api: ApiPromise, block: number, samples = 8): Promise<ChainClock> {
  const n = Math.min(samples, block - 1);
  const blocks = Array.from({ length: Math.max(1, n + 1) }, (_, i) => block - i).filter((b) => b >= 1);
  const stamps = await Promise.all(blocks.map((b) => timestampAt(api, b)));
  const gaps = stamps.slice(0, -1).map((t, i) => (t - stamps[i + 1]!) / 1000).sort((a, b) => a - b);
  const blockTimeSeconds = gaps.length >= 3 ? gaps[Math.floor(gaps.length / 2)]! : DEFAULT_BLOCK_TIME_SECONDS;
  return { block, nowSeconds: stamps[0]! / 1000, blockTimeSeconds };
}
