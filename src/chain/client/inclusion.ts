import type { ApiPromise } from '@polkadot/api';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { decodeDispatchError } from './dispatch-error';
import { ChainDispatchError } from './errors';

/** One event emitted by an extrinsic, decoded with the node's metadata. */
export interface ChainEvent {
  /** camelCase pallet name, e.g. `subtensorModule` */
  readonly section: string;
  /** The event's name, e.g. `NeuronRegistered` */
  readonly method: string;
  /** The event's fields, in order */
  readonly data: readonly Codec[];
}

/** Where an extrinsic landed and what it emitted. */
export interface SubmitResult {
  /** `section.method` of the submitted call */
  readonly call: string;
  readonly txHash: string;
  readonly blockHash: string;
  readonly blockNumber: number;
  /** The extrinsic's index in its block */
  readonly txIndex: number;
  readonly events: readonly ChainEvent[];
}

export interface FoundExtrinsic {
  readonly blockHash: string;
  readonly blockNumber: number;
  readonly index: number;
}

/** Most blocks scanned for an extrinsic (a mortal transaction lives 64 blocks by default). */
export const MAX_SCAN_BLOCKS = 512;

/**
 * Looks for the extrinsic `txHash` in the canonical blocks `fromBlock`..head (at most
 * {@link MAX_SCAN_BLOCKS} of the newest).
 */
export async function findExtrinsic(api: ApiPromise, txHash: string, fromBlock: number): Promise<FoundExtrinsic | null> {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const start = Math.max(fromBlock, head - MAX_SCAN_BLOCKS + 1, 1);
  for (let n = head; n >= start; n--) {
    const blockHash = await api.rpc.chain.getBlockHash(n);
    const block = await api.rpc.chain.getBlock(blockHash);
    const index = block.block.extrinsics.findIndex((ex) => ex.hash.toHex() === txHash);
    if (index >= 0) return { blockHash: blockHash.toHex(), blockNumber: n, index };
  }
  return null;
}

/**
 * The result of the extrinsic `txHash` in block `blockHash`: its events, or
 * {@link ChainDispatchError} when it failed (including a call that sudo dispatched and that
 * failed, reported by `Sudid` with an error).
 */
export async function extrinsicResult(api: ApiPromise, call: string, txHash: string, blockHash: string): Promise<SubmitResult> {
  const signed = await api.rpc.chain.getBlock(blockHash);
  const blockNumber = signed.block.header.number.toNumber();
  const txIndex = signed.block.extrinsics.findIndex((ex) => ex.hash.toHex() === txHash);
  if (txIndex < 0) throw new Error(`extrinsic ${txHash} is not in block ${blockHash}`);
  const at = await api.at(blockHash);
  const records = (await at.query.system!.events!()) as unknown as EventRecord[];
  const mine = records.filter((r) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === txIndex);
  const fail = (dispatchError: DispatchError, viaSudo: boolean) => {
    const d = decodeDispatchError(api, dispatchError);
    return new ChainDispatchError(d.section, d.error, d.docs, call, txHash, blockHash, blockNumber, viaSudo);
  };
  for (const { event } of mine) {
    if (event.section === 'system' && event.method === 'ExtrinsicFailed') throw fail(event.data[0] as DispatchError, false);
    if (event.section === 'sudo' && (event.method === 'Sudid' || event.method === 'SudoAsDone')) {
      const result = event.data[0] as unknown as { isErr: boolean; asErr: DispatchError };
      if (result.isErr) throw fail(result.asErr, true);
    }
  }
  return {
    call,
    txHash,
    blockHash,
    blockNumber,
    txIndex,
    events: mine.map(({ event }) => ({ section: event.section, method: event.method, data: [...event.data] })),
  };
}

/** The named events of a result, e.g. `eventsOf(r, 'subtensorModule', 'NeuronRegistered')`. */
export function eventsOf(result: Pick<SubmitResult, 'events'>, section: string, method: string): ChainEvent[] {
  return result.events.filter((e) => e.section === section && e.method === method);
}
