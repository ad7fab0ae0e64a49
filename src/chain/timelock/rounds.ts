/**
 * drand round arithmetic and the IBE identity of a round.
 *
 * - identity(round) = SHA-256(round as u64 big endian): the message drand's unchained schemes
 *   sign, and what bittensor-drand `encrypt_and_compress` and subtensor's tests encrypt to
 *   (`Identity::new(b"", vec![sha256(round.to_be_bytes())])`).
 * - round at UNIX time t ≥ genesis: ⌊(t − genesis) / period⌋ + 1 (drand's `CurrentRound`); the
 *   round whose pulse is out by time t is one less than the next one to come.
 */
import { createHash } from 'node:crypto';

export function roundIdentity(round: bigint | number): Uint8Array {
  const r = BigInt(round);
  if (r < 0n || r >= 1n << 64n) throw new RangeError(`round ${round} is not a u64`);
  const be = Buffer.alloc(8);
  be.writeBigUInt64BE(r);
  return createHash('sha256').update(be).digest();
}

/** The latest round published at UNIX time `unixSeconds` (0 before genesis). */
export function roundAt(unixSeconds: number, genesisTime: number, period: number): number {
  if (period <= 0) throw new RangeError(`drand period must be positive, got ${period}`);
  if (unixSeconds < genesisTime) return 0;
  return Math.floor((unixSeconds - genesisTime) / period) + 1;
}

/** The UNIX time at which `round` is published. */
export function roundTime(round: number, genesisTime: number, period: number): number {
  return genesisTime + (round - 1) * period;
}

export interface RevealRoundInput {
  netuid: number;
  tempo: number;
  currentBlock: number;
  /** `RevealPeriodEpochs` of the subnet */
  revealPeriodEpochs: number;
  /** seconds per block, as measured or configured */
  blockTimeSeconds: number;
  nowUnixSeconds: number;
  genesisTime: number;
  period: number;
  /** blocks into the reveal epoch the pulse should be on chain by (bittensor-drand: 3) */
  securityBlocks?: number;
}

/**
 * The drand round to encrypt to so the chain can decrypt in the reveal epoch, as the Python SDK's
 * bittensor-drand `generate_commit` picks it (opentensor/bittensor-drand `src/drand.rs`):
 * reveal_epoch = epoch(current_block) + reveal_period; aim for the pulse of the time at which
 * block `first_block(reveal_epoch) + 3` is produced, rounded down so it is already out by then.
 * Epochs here are subtensor's `(block + netuid + 1) / (tempo + 1)`.
 */
export function revealRoundFor(i: RevealRoundInput): number {
  const tempo1 = i.tempo + 1;
  const netuid1 = i.netuid + 1;
  const revealEpoch = Math.floor((i.currentBlock + netuid1) / tempo1) + i.revealPeriodEpochs;
  const firstRevealBlock = Math.max(0, revealEpoch * tempo1 - netuid1);
  const targetBlock = firstRevealBlock + (i.securityBlocks ?? 3);
  const secs = Math.max(0, targetBlock - i.currentBlock) * i.blockTimeSeconds;
  const round = Math.floor((i.nowUnixSeconds + secs - i.genesisTime) / i.period);
  return Math.max(1, round);
}
