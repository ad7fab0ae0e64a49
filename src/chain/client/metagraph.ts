import type { ApiDecoration } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import type { ChainClient } from './client';
import { InvalidChainInputError, UnsupportedByNodeError } from './errors';
import { formatIp } from './ip';
import { findStorage, readMulti, storage, toArray, toBigInt, toBool, toNumber, unwrap, type StorageRead } from './storage';

import { U16_MAX } from '../weights/units';

/** Where a neuron's axon listens, as served with `serve_axon` (0.0.0.0:0 when never served). */
export interface AxonEndpoint {
  readonly ip: string;
  readonly port: number;
  readonly version: number;
  /** 4 or 6 (0 when never served) */
  readonly ipType: number;
  readonly protocol: number;
  /** Block of the last `serve_axon` */
  readonly block: number;
}

/** A subnet's neurons at one block, one entry per uid in every array. */
export interface Metagraph {
  readonly netuid: number;
  readonly block: number;
  readonly blockHash: string;
  /** `SubnetworkN` */
  readonly n: number;
  /** How it was read: the NeuronInfo runtime API (plus weights from storage), or storage alone. */
  readonly source: 'runtime-api' | 'storage';
  readonly uids: readonly number[];
  readonly hotkeys: readonly string[];
  readonly coldkeys: readonly string[];
  readonly axons: readonly AxonEndpoint[];
  /** Alpha staked to each hotkey on the subnet, in rao. */
  readonly stake: readonly bigint[];
  readonly validatorPermit: readonly boolean[];
  /** Each uid's weights as sparse [uid, u16 weight] pairs (the chain stores them max-upscaled to 65535). */
  readonly weights: readonly (readonly (readonly [number, number])[])[];
  /** 0..1 (the chain's u16 / 65535) */
  readonly incentive: readonly number[];
  readonly dividends: readonly number[];
  readonly consensus: readonly number[];
  readonly validatorTrust: readonly number[];
  /** Emission of the last epoch, in rao of alpha. */
  readonly emission: readonly bigint[];
  /** Block of each uid's last weights (0 = never) */
  readonly lastUpdate: readonly number[];
  readonly active: readonly boolean[];
}

export interface LoadMetagraphOptions {
  /** Block hash to read at (default: the best block). */
  readonly at?: string;
  /** `auto` (default): the runtime API when the node has it, else storage. */
  readonly source?: 'auto' | 'runtime-api' | 'storage';
}

interface NeuronLite extends Codec {
  hotkey: Codec;
  coldkey: Codec;
  uid: Codec;
  active: Codec;
  axonInfo: AxonCodec;
  stake: Codec & { toArray(): [Codec, Codec][] };
  emission: Codec;
  incentive: Codec;
  consensus: Codec;
  validatorTrust: Codec;
  dividends: Codec;
  lastUpdate: Codec;
  validatorPermit: Codec;
}

interface AxonCodec extends Codec {
  block: Codec;
  version: Codec;
  ip: Codec;
  port: Codec;
  ipType: Codec;
  protocol: Codec;
}

const ratio = (c: Codec | undefined) => toNumber(c) / U16_MAX;

function axonOf(a: AxonCodec | null): AxonEndpoint {
  if (!a) return { ip: '0.0.0.0', port: 0, version: 0, ipType: 0, protocol: 0, block: 0 };
  const ipType = toNumber(a.ipType);
  return { ip: formatIp(toBigInt(a.ip), ipType), port: toNumber(a.port), version: toNumber(a.version), ipType, protocol: toNumber(a.protocol), block: toNumber(a.block) };
}

/** `Weights(netuid, uid)` rows, all of them in one `entries` read. */
async function readWeights(at: ApiDecoration<'promise'>, netuid: number): Promise<Map<number, [number, number][]>> {
  const rows = new Map<number, [number, number][]>();
  for (const [key, value] of await storage(at, 'subtensorModule', 'Weights').entries(netuid)) {
    rows.set(
      toNumber(key.args[1]),
      toArray(value).map((pair) => {
        const [dest, weight] = pair as unknown as [Codec, Codec];
        return [toNumber(dest), toNumber(weight)] as [number, number];
      }),
    );
  }
  return rows;
}

async function fromRuntimeApi(at: ApiDecoration<'promise'>, netuid: number): Promise<Omit<Metagraph, 'netuid' | 'block' | 'blockHash' | 'weights'>> {
  const getNeuronsLite = (at.call as unknown as Record<string, Record<string, (netuid: number) => Promise<Codec>>>).neuronInfoRuntimeApi!.getNeuronsLite!;
  const neurons = toArray(await getNeuronsLite(netuid)) as NeuronLite[];
  neurons.sort((a, b) => toNumber(a.uid) - toNumber(b.uid));
  return {
    n: neurons.length,
    source: 'runtime-api',
    uids: neurons.map((x) => toNumber(x.uid)),
    hotkeys: neurons.map((x) => x.hotkey.toString()),
    coldkeys: neurons.map((x) => x.coldkey.toString()),
    axons: neurons.map((x) => axonOf(x.axonInfo)),
    stake: neurons.map((x) => x.stake.toArray().reduce((sum, [, amount]) => sum + toBigInt(amount), 0n)),
    validatorPermit: neurons.map((x) => toBool(x.validatorPermit)),
    incentive: neurons.map((x) => ratio(x.incentive)),
    dividends: neurons.map((x) => ratio(x.dividends)),
    consensus: neurons.map((x) => ratio(x.consensus)),
    validatorTrust: neurons.map((x) => ratio(x.validatorTrust)),
    emission: neurons.map((x) => toBigInt(x.emission)),
    lastUpdate: neurons.map((x) => toNumber(x.lastUpdate)),
    active: neurons.map((x) => toBool(x.active)),
  };
}

async function fromStorage(at: ApiDecoration<'promise'>, netuid: number): Promise<Omit<Metagraph, 'netuid' | 'block' | 'blockHash' | 'weights'>> {
  const S = 'subtensorModule';
  const q = (item: string) => storage(at, S, item);
  const vectors = ['Active', 'Consensus', 'Incentive', 'Dividends', 'Emission', 'LastUpdate', 'ValidatorTrust', 'ValidatorPermit'];
  const present = vectors.filter((item) => findStorage(at, S, item));
  const [[n, ...vecs], keys, axons] = await Promise.all([
    readMulti(at, [[q('SubnetworkN'), netuid], ...present.map((item): StorageRead => [q(item), netuid])]),
    q('Keys').entries(netuid),
    q('Axons').entries(netuid),
  ]);
  const count = toNumber(n);
  const hotkeys: string[] = Array.from({ length: count }, () => '');
  for (const [key, value] of keys) {
    const uid = toNumber(key.args[1]);
    if (uid < count) hotkeys[uid] = value.toString();
  }
  const axonByHotkey = new Map(axons.map(([key, value]) => [key.args[1]!.toString(), unwrap(value) as AxonCodec | null]));
  const perHotkey = await readMulti(
    at,
    hotkeys.flatMap((h): StorageRead[] => [
      [q('Owner'), h],
      [q('TotalHotkeyAlpha'), h, netuid],
    ]),
  );
  const vector = (item: string) => {
    const i = present.indexOf(item);
    const values = i < 0 ? [] : toArray(vecs[i]);
    return Array.from({ length: count }, (_, uid) => values[uid]);
  };
  return {
    n: count,
    source: 'storage',
    uids: hotkeys.map((_, uid) => uid),
    hotkeys,
    coldkeys: hotkeys.map((_, uid) => perHotkey[2 * uid]!.toString()),
    axons: hotkeys.map((h) => axonOf(axonByHotkey.get(h) ?? null)),
    stake: hotkeys.map((_, uid) => toBigInt(perHotkey[2 * uid + 1])),
    validatorPermit: vector('ValidatorPermit').map(toBool),
    incentive: vector('Incentive').map(ratio),
    dividends: vector('Dividends').map(ratio),
    consensus: vector('Consensus').map(ratio),
    validatorTrust: vector('ValidatorTrust').map(ratio),
    emission: vector('Emission').map(toBigInt),
    lastUpdate: vector('LastUpdate').map(toNumber),
    active: vector('Active').map(toBool),
  };
}

/** Whether the node serves `NeuronInfoRuntimeApi.get_neurons_lite`. */
export function hasNeuronsLite(api: ApiDecoration<'promise'> | ChainClient['api']): boolean {
  return typeof (api.call as unknown as Record<string, Record<string, unknown> | undefined>).neuronInfoRuntimeApi?.getNeuronsLite === 'function';
}

/**
 * The subnet's metagraph at one block: hotkeys, coldkeys, axons, alpha stake, permits,
 * weights, incentive / dividends / consensus / validator trust (0..1), emission, last update
 * and activity per uid. Reads `NeuronInfoRuntimeApi.get_neurons_lite` when the node has it
 * (plus `Weights` entries), else storage: one `state_queryStorageAt` batch for the per-uid
 * vectors, `entries` for keys, axons and weights, and one batch for owners and stake. All
 * reads are pinned to the same block, so a refresh costs a handful of requests.
 *
 * @throws InvalidChainInputError when the subnet does not exist.
 */
export async function loadMetagraph(client: ChainClient, netuid: number, options: LoadMetagraphOptions = {}): Promise<Metagraph> {
  if (!Number.isInteger(netuid) || netuid < 0 || netuid > 0xffff) throw new InvalidChainInputError(`netuid must be a whole number from 0 to 65535, got ${netuid}`);
  const blockHash = options.at ?? (await client.api.rpc.chain.getHeader()).hash.toHex();
  const [header, at] = await Promise.all([client.api.rpc.chain.getHeader(blockHash), client.api.at(blockHash)]);
  const exists = await storage(at, 'subtensorModule', 'NetworksAdded')(netuid);
  if (!toBool(exists)) throw new InvalidChainInputError(`subnet ${netuid} does not exist at block #${header.number.toNumber()}`);
  const source = options.source ?? 'auto';
  if (source === 'runtime-api' && !hasNeuronsLite(at)) throw new UnsupportedByNodeError('the connected node has no NeuronInfoRuntimeApi.get_neurons_lite');
  const useApi = source === 'runtime-api' || (source === 'auto' && hasNeuronsLite(at));
  const [neurons, rows] = await Promise.all([useApi ? fromRuntimeApi(at, netuid) : fromStorage(at, netuid), readWeights(at, netuid)]);
  const weights = neurons.uids.map((uid) => rows.get(uid) ?? []);
  return { netuid, block: header.number.toNumber(), blockHash, ...neurons, weights };
}
