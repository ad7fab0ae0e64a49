import type { Codec } from '@polkadot/types/types';
import type { EpochInput, SparseRow } from '../../yuma';
import type { TypedStorage } from '../../state/typed-storage';
import { big, bool, hotkeyAlpha, num, subnetworkN, uidBoolVector, uidVector } from './subnet-state';
import { tempoOf } from './epoch-schedule';
import { ownerUid } from './weights-rules';

/**
 * A subnet's Yuma epoch input read from storage as subtensor's `epoch_mechanism` reads it:
 * per uid 0..SubnetworkN−1, stake = the hotkey's alpha on the subnet (the dev chain has no
 * child keys and no root TAO weight), LastUpdate, BlockAtRegistration, and the Weights/Bonds
 * rows with entries for uids outside the subnet dropped (`get_weights_sparse`).
 */
const P = 'SubtensorModule';

export interface SubnetEpochState {
  readonly input: EpochInput;
  /** Each uid's hotkey (Keys), null where the slot is empty. */
  readonly hotkeys: readonly (string | null)[];
}

function sparseRow(s: TypedStorage, item: 'Weights' | 'Bonds', netuid: number, uid: number, n: number): SparseRow {
  const raw = s.get(P, item, [netuid, uid]) as unknown as { toArray(): Codec[][] };
  const seen = new Set<number>();
  const row: [number, number][] = [];
  for (const [j, v] of raw.toArray()) {
    const target = num(j!);
    if (target >= n || seen.has(target)) continue;
    seen.add(target);
    row.push([target, num(v!)]);
  }
  return row;
}

/** A stored per-uid vector cut or padded to n entries. */
function fit<T>(v: readonly T[], n: number, fill: T): T[] {
  return Array.from({ length: n }, (_, i) => v[i] ?? fill);
}

export function readEpochState(
  s: TypedStorage,
  netuid: number,
  currentBlock: number,
  emission: { miner: bigint; validator: bigint },
): SubnetEpochState {
  const n = subnetworkN(s, netuid);
  const uids = Array.from({ length: n }, (_, i) => i);
  const hotkeys = uids.map((uid) => (s.has(P, 'Keys', [netuid, uid]) ? s.get(P, 'Keys', [netuid, uid])!.toString() : null));
  const storedPermits = uidBoolVector(s, 'ValidatorPermit', netuid);
  const input: EpochInput = {
    currentBlock,
    activityCutoffBlocks: num(s.get(P, 'ActivityCutoff', [netuid])),
    kappa: num(s.get(P, 'Kappa', [netuid])),
    bondsMovingAverage: num(s.get(P, 'BondsMovingAverage', [netuid])),
    bondsPenalty: num(s.get(P, 'BondsPenalty', [netuid])),
    yuma3: bool(s.get(P, 'Yuma3On', [netuid])),
    maxAllowedValidators: num(s.get(P, 'MaxAllowedValidators', [netuid])),
    stakeThreshold: big(s.get(P, 'StakeThreshold')),
    ownerUid: ownerUid(s, netuid),
    stake: hotkeys.map((h) => (h === null ? 0n : hotkeyAlpha(s, h, netuid))),
    lastUpdate: fit(uidVector(s, 'LastUpdate', netuid), n, 0),
    blockAtRegistration: uids.map((uid) => num(s.get(P, 'BlockAtRegistration', [netuid, uid]))),
    weights: uids.map((uid) => sparseRow(s, 'Weights', netuid, uid, n)),
    bonds: uids.map((uid) => sparseRow(s, 'Bonds', netuid, uid, n)),
    minerEmission: emission.miner,
    validatorEmission: emission.validator,
    // A subnet that never ran an epoch has no stored permits yet: let its first epoch use the new ones.
    prevValidatorPermit: storedPermits.length === 0 ? undefined : fit(storedPermits, n, false),
    // Without LastMechansimStepBlock in this metadata, the previous epoch is tempo + 1 blocks back.
    tempo: tempoOf(s, netuid),
  };
  return { input, hotkeys };
}
