import type { ApiDecoration } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a } from '@polkadot/util';
import { openBeacon, type Beacon } from '../timelock';
import { UnsupportedByNodeError } from './errors';
import { findStorage, readMulti, toBigInt, unwrap } from './storage';

/** The chain's drand beacon and how far its pulses go, read at one block. */
export interface ChainBeacon {
  readonly beacon: Beacon;
  /** `Drand.LastStoredRound`: the newest pulse the chain holds (0 before the first). */
  readonly lastStoredRound: number;
}

interface BeaconConfigJson {
  publicKey: string;
  period: number;
  genesisTime: number;
  hash: string;
  schemeId: string;
  metadata: { beaconId: string };
}

const text = (hex: string) => Buffer.from(hexToU8a(hex)).toString('utf8');

/**
 * Reads pallet_drand's `BeaconConfig` (public key, period, genesis time, scheme) and
 * `LastStoredRound` from the node, so the key and timing come from the chain, never from
 * constants here. UnsupportedByNodeError when the node has no drand pallet.
 */
export async function readChainBeacon(at: ApiDecoration<'promise'>): Promise<ChainBeacon> {
  const config = findStorage(at, 'drand', 'BeaconConfig');
  const last = findStorage(at, 'drand', 'LastStoredRound');
  if (!config || !last) throw new UnsupportedByNodeError('this node has no pallet_drand (Drand.BeaconConfig / LastStoredRound): it cannot take timelocked weight commits');
  const [c, l] = (await readMulti(at, [[config], [last]])) as [Codec, Codec];
  const j = (unwrap(c) ?? c).toJSON() as unknown as BeaconConfigJson;
  const beacon = openBeacon({
    publicKey: hexToU8a(j.publicKey),
    period: Number(j.period),
    genesisTime: Number(j.genesisTime),
    hash: hexToU8a(j.hash),
    schemeId: text(j.schemeId),
    beaconId: text(j.metadata.beaconId),
  });
  return { beacon, lastStoredRound: Number(toBigInt(l)) };
}

/** `Drand.Pulses(round)`'s signature bytes, or null when the chain has no pulse for the round. */
export async function readPulseSignature(at: ApiDecoration<'promise'>, round: number): Promise<Uint8Array | null> {
  const pulses = findStorage(at, 'drand', 'Pulses');
  if (!pulses) return null;
  const [p] = (await readMulti(at, [[pulses, round]])) as [Codec];
  const v = unwrap(p);
  if (v === null) return null;
  return hexToU8a((v.toJSON() as { signature: string }).signature);
}
