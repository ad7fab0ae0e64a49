import type { KeyringPair } from '@polkadot/keyring/types';
import { commitWeights, OperationRefusedError, readWeightsState, revealWeights, setWeights, type ChainClient } from '../chain';
import type { Logger } from '../logging';
import type { PendingReveal, ValidatorState } from './score-state';

export type WeightsAction =
  | { readonly mode: 'set' | 'commit' | 'reveal'; readonly block: number; readonly uids: number[]; readonly values: number[]; readonly pending: PendingReveal | null }
  | { readonly mode: 'skipped'; readonly reason: string; readonly pending: PendingReveal | null };

/**
 * Puts the scores on chain as weights: `set_weights` when the subnet has commit-reveal off,
 * else a v2 commit now and its reveal in a later epoch (the pending reveal is kept in the
 * durable state, so a restart still reveals it). The chain's rules (u16 max-upscale, zeros
 * dropped, version key, rate limit) are applied by the chain client; a rate-limited attempt
 * is skipped, not an error.
 */
export async function submitWeights(
  client: ChainClient,
  input: { signer: KeyringPair; netuid: number; uids: number[]; weights: number[]; state: ValidatorState; logger: Logger },
): Promise<WeightsAction> {
  const { signer, netuid, logger } = input;
  const chain = await readWeightsState(client, netuid, signer.address);
  let pending = input.state.pendingReveal;
  if (pending && chain.commitRevealEnabled) {
    const next = chain.block + 1;
    if (next > pending.lastBlock) {
      logger.warn({ commitHash: pending.commitHash }, 'a weight commit expired before it could be revealed');
      pending = null;
    } else if (next >= pending.firstBlock) {
      const r = await revealWeights(client, { signer, netuid, uids: pending.uids, values: pending.values, salt: pending.salt, versionKey: BigInt(pending.versionKey), wait: false });
      return { mode: 'reveal', block: r.blockNumber, uids: pending.uids, values: pending.values, pending: null };
    } else {
      return { mode: 'skipped', reason: `a commit waits for its reveal window (blocks ${pending.firstBlock}..${pending.lastBlock})`, pending };
    }
  }
  if (input.uids.length === 0) return { mode: 'skipped', reason: 'no miner has a positive score', pending };
  try {
    if (chain.commitRevealEnabled) {
      const c = await commitWeights(client, { signer, netuid, uids: input.uids, weights: input.weights });
      const reveal: PendingReveal = {
        uids: [...c.reveal.uids],
        values: [...c.reveal.values],
        salt: [...c.reveal.salt],
        versionKey: c.reveal.versionKey.toString(),
        commitHash: c.commitHash,
        firstBlock: c.revealWindow.firstBlock,
        lastBlock: c.revealWindow.lastBlock,
      };
      return { mode: 'commit', block: c.blockNumber, uids: reveal.uids, values: reveal.values, pending: reveal };
    }
    const r = await setWeights(client, { signer, netuid, uids: input.uids, weights: input.weights });
    return { mode: 'set', block: r.blockNumber, uids: [...r.uids], values: [...r.values], pending: null };
  } catch (error) {
    if (error instanceof OperationRefusedError && (error.error === 'SettingWeightsTooFast' || error.error === 'CommittingWeightsTooFast')) {
      return { mode: 'skipped', reason: error.message, pending };
    }
    throw error;
  }
}
