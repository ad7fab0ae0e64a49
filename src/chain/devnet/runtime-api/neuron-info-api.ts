import type { Codec } from '@polkadot/types/types';
import type { RuntimeApiContext, RuntimeApiModule } from './runtime-api';
import type { TypedStorage } from '../state/typed-storage';
import { axonInfo } from '../pallets/subtensor/serving-endpoint';
import { hotkeyAlpha, networkExists, num, subnetworkN } from '../pallets/subtensor/subnet-state';

const P = 'SubtensorModule';
import { U16_MAX } from '../../weights/units';
const NO_PROMETHEUS = { block: 0n, version: 0, ip: 0n, port: 0, ipType: 0 };

/** Entry `uid` of a per-uid vector as a bigint or bool, or `fallback` past its end. */
function at<T extends bigint | boolean>(s: TypedStorage, item: string, netuid: number, uid: number, fallback: T): T {
  const v = s.get(P, item, [netuid]) as unknown as { toArray(): Codec[] };
  const x = v.toArray()[uid];
  if (x === undefined) return fallback;
  return (typeof fallback === 'boolean' ? x.toJSON() === true : BigInt(x.toString())) as T;
}

/**
 * `get_neuron_lite_subnet_exists`: one neuron's row. Rank, trust and pruning scores are not
 * kept by this chain, so they read as subtensor reads a missing entry (0, 0, u16::MAX).
 * `stake` is subtensor's single (coldkey, total hotkey alpha) pair.
 */
function neuronLite(s: TypedStorage, netuid: number, uid: number): unknown {
  if (!s.has(P, 'Keys', [netuid, uid])) return null;
  const hotkey = s.get(P, 'Keys', [netuid, uid])!.toString();
  const coldkey = s.get(P, 'Owner', [hotkey])!.toString();
  return {
    hotkey,
    coldkey,
    uid,
    netuid,
    active: at(s, 'Active', netuid, uid, false),
    axonInfo: axonInfo(s, netuid, hotkey),
    prometheusInfo: NO_PROMETHEUS,
    stake: [[coldkey, hotkeyAlpha(s, hotkey, netuid)]],
    rank: 0,
    emission: at(s, 'Emission', netuid, uid, 0n),
    incentive: at(s, 'Incentive', netuid, uid, 0n),
    consensus: at(s, 'Consensus', netuid, uid, 0n),
    trust: 0,
    validatorTrust: at(s, 'ValidatorTrust', netuid, uid, 0n),
    dividends: at(s, 'Dividends', netuid, uid, 0n),
    lastUpdate: at(s, 'LastUpdate', netuid, uid, 0n),
    validatorPermit: at(s, 'ValidatorPermit', netuid, uid, false),
    pruningScore: U16_MAX,
  };
}

function getNeuronsLite(ctx: RuntimeApiContext, inputs: readonly Codec[]): unknown[] {
  const netuid = num(inputs[0]!);
  if (!networkExists(ctx.storage, netuid)) return [];
  const neurons: unknown[] = [];
  for (let uid = 0; uid < subnetworkN(ctx.storage, netuid); uid++) {
    const n = neuronLite(ctx.storage, netuid, uid);
    if (n === null) break;
    neurons.push(n);
  }
  return neurons;
}

function getNeuronLite(ctx: RuntimeApiContext, inputs: readonly Codec[]): unknown {
  const netuid = num(inputs[0]!);
  if (!networkExists(ctx.storage, netuid)) return null;
  return neuronLite(ctx.storage, netuid, num(inputs[1]!));
}

export const neuronInfoApi: RuntimeApiModule = {
  name: 'NeuronInfoRuntimeApi',
  methods: {
    get_neurons_lite: getNeuronsLite,
    get_neuron_lite: getNeuronLite,
  },
};
