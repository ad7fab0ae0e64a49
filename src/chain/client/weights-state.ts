import type { ChainClient } from './client';
import { atHead, findStorage, readMulti, storage, toBigInt, toBool, toNumber, unwrap, type StorageRead } from './storage';

/** What the weight calls' pre-submit checks need, read in one batch at one block. */
export interface SubnetWeightsState {
  readonly netuid: number;
  /** The best block the values were read at; a transaction goes in the next one. */
  readonly block: number;
  readonly blockHash: string;
  readonly exists: boolean;
  readonly subnetN: number;
  /** The hotkey's uid, or null when it is not registered on the subnet. */
  readonly ownUid: number | null;
  readonly minAllowedWeights: number;
  readonly maxWeightLimit: number;
  readonly weightsVersionKey: bigint;
  readonly weightsSetRateLimit: bigint;
  /** `LastUpdate` of the hotkey's uid (0 = never). */
  readonly lastUpdate: bigint;
  readonly commitRevealEnabled: boolean;
  /** `CommitRevealWeightsVersion` where the node has it (4+ means timelocked commits only). */
  readonly commitRevealVersion: number | null;
  readonly validatorPermit: boolean;
  /** Whether the hotkey is the subnet owner's hotkey (which needs no permit). */
  readonly isOwnerHotkey: boolean;
  readonly tempo: number;
  readonly revealPeriodEpochs: number;
}

const S = 'subtensorModule';

/** Reads the subnet's weight settings and the hotkey's place in it, in one `state_queryStorageAt`. */
export async function readWeightsState(client: ChainClient, netuid: number, hotkey: string): Promise<SubnetWeightsState> {
  const { hash, number, at } = await atHead(client.api);
  const q = (item: string) => storage(at, S, item);
  const reads: StorageRead[] = [
    [q('NetworksAdded'), netuid],
    [q('SubnetworkN'), netuid],
    [q('Uids'), netuid, hotkey],
    [q('MinAllowedWeights'), netuid],
    [q('MaxWeightsLimit'), netuid],
    [q('WeightsVersionKey'), netuid],
    [q('WeightsSetRateLimit'), netuid],
    [q('LastUpdate'), netuid],
    [q('CommitRevealWeightsEnabled'), netuid],
    [q('ValidatorPermit'), netuid],
    [q('SubnetOwnerHotkey'), netuid],
    [q('Tempo'), netuid],
  ];
  const revealPeriod = findStorage(at, S, 'RevealPeriodEpochs');
  const crVersion = findStorage(at, S, 'CommitRevealWeightsVersion');
  if (revealPeriod) reads.push([revealPeriod, netuid]);
  if (crVersion) reads.push([crVersion]);
  const values = await readMulti(at, reads);
  const [exists, n, uid, minW, maxW, versionKey, rateLimit, lastUpdate, cr, permits, ownerHotkey, tempo] = values;
  const ownUidCodec = uid ? unwrap(uid) : null;
  const ownUid = ownUidCodec === null ? null : toNumber(ownUidCodec);
  const vec = (c: unknown) => ((c as { toArray?: () => unknown[] })?.toArray?.() ?? []) as { toString(): string; toJSON(): unknown }[];
  return {
    netuid,
    block: number,
    blockHash: hash,
    exists: toBool(exists),
    subnetN: toNumber(n),
    ownUid,
    minAllowedWeights: toNumber(minW),
    maxWeightLimit: toNumber(maxW),
    weightsVersionKey: toBigInt(versionKey),
    weightsSetRateLimit: toBigInt(rateLimit),
    lastUpdate: ownUid === null ? 0n : BigInt(vec(lastUpdate)[ownUid]?.toString() ?? '0'),
    commitRevealEnabled: toBool(cr),
    commitRevealVersion: crVersion ? toNumber(values[values.length - 1]) : null,
    validatorPermit: ownUid === null ? false : vec(permits)[ownUid]?.toJSON() === true,
    isOwnerHotkey: ownerHotkey !== undefined && ownerHotkey.toString() === hotkey,
    tempo: toNumber(tempo),
    revealPeriodEpochs: revealPeriod ? toNumber(values[reads.length - (crVersion ? 2 : 1)]) : 1,
  };
}
