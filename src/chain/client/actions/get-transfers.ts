import type { EventRecord } from '@polkadot/types/interfaces';
import type { ChainClient } from '../client';
import { InvalidChainInputError } from '../errors';
import { storage, toBigInt } from '../storage';

/** One `Balances.Transfer` event: where it is (block, extrinsic, event) and what moved. */
export interface BalanceTransfer {
  readonly blockNumber: number;
  readonly blockHash: string;
  /** The index of the extrinsic that emitted it in its block. */
  readonly extrinsicIndex: number;
  /** The event's index in the block's events (several transfers can share an extrinsic, e.g. a batch). */
  readonly eventIndex: number;
  readonly from: string;
  readonly to: string;
  /** rao */
  readonly amount: bigint;
}

export interface FinalizedHead {
  readonly number: number;
  readonly hash: string;
}

/** The newest finalized block: what can no longer be reverted. */
export async function getFinalizedHead(client: ChainClient): Promise<FinalizedHead> {
  const hash = await client.api.rpc.chain.getFinalizedHead();
  const header = await client.api.rpc.chain.getHeader(hash);
  return { number: header.number.toNumber(), hash: hash.toHex() };
}

export interface GetTransfersParameters {
  readonly blockNumber: number;
}

export interface GetTransfersReturnType {
  readonly blockHash: string;
  readonly transfers: BalanceTransfer[];
}

/**
 * The `Balances.Transfer` events of the canonical block `blockNumber`, read from
 * `System.Events` at that block. A transfer event is only emitted by a call that succeeded,
 * so every one here moved its amount. Call it for finalized blocks only (see
 * {@link getFinalizedHead}) where the transfer must not be reverted.
 */
export async function getTransfers(client: ChainClient, parameters: GetTransfersParameters): Promise<GetTransfersReturnType> {
  const n = parameters.blockNumber;
  if (!Number.isInteger(n) || n < 0) throw new InvalidChainInputError(`block number ${n} is not a whole number ≥ 0`);
  const blockHash = (await client.api.rpc.chain.getBlockHash(n)).toHex();
  const at = await client.api.at(blockHash);
  const records = (await storage(at, 'system', 'events')()) as unknown as EventRecord[];
  const transfers: BalanceTransfer[] = [];
  records.forEach((record, eventIndex) => {
    const { event, phase } = record;
    if (event.section !== 'balances' || event.method !== 'Transfer' || !phase.isApplyExtrinsic) return;
    const [from, to, amount] = event.data;
    transfers.push({ blockNumber: n, blockHash, extrinsicIndex: phase.asApplyExtrinsic.toNumber(), eventIndex, from: String(from), to: String(to), amount: toBigInt(amount) });
  });
  return { blockHash, transfers };
}
