import { createHash } from 'node:crypto';
import { u8aToHex } from '@polkadot/util';
import type { PalletRuntime, RuntimeContext } from '../runtime/call-context';
import { CURVE_ORDER, encodeG1, encodeG2, publicKeyG2, roundAt, roundIdentity, signG1, SUPPORTED_SCHEME_ID } from '../../timelock';
import type { TypedStorage } from '../state/typed-storage';
import { big } from './subtensor/subnet-state';

/**
 * pallet_drand with a local beacon. Storage as subtensor's `pallets/drand` keeps it:
 * `BeaconConfig` (the beacon's G2 public key, period, genesis time, scheme
 * `bls-unchained-g1-rfc9380`), `Pulses` (round → { round, randomness, signature }),
 * `LastStoredRound`, `OldestStoredRound`, and `NewPulse { rounds }` when pulses are written.
 *
 * Where subtensor's off-chain worker fetches drand quicknet and submits `write_pulse`, this
 * beacon signs its own rounds with a dev key: each block, the rounds published by the block's
 * timestamp (round r at genesis + (r − 1)·period) are signed (BLS on G1 of SHA-256(r as u64 BE),
 * the quicknet scheme) and stored, from `LastStoredRound + 1`, at most `MAX_PULSES_TO_FETCH` per
 * block, the first block starting at the current round, as the worker does. Pulses older than
 * `MAX_KEPT_PULSES` are pruned, `MAX_REMOVED_PULSES` per block. The dev key is public (derived
 * from a fixed phrase, like //Alice): a dev chain's timelock hides nothing from someone who reads
 * this file, which is fine for a dev chain.
 */
const D = 'Drand';

export const DEV_BEACON_PERIOD = 3;
/** pallets/drand/src/lib.rs */
export const MAX_PULSES_TO_FETCH = 50;
export const MAX_KEPT_PULSES = 216_000;
export const MAX_REMOVED_PULSES = 100;

function devBeaconSecret(): bigint {
  const h = createHash('sha256').update('pog devnet drand beacon').digest();
  return (BigInt(`0x${h.toString('hex')}`) % (CURVE_ORDER - 1n)) + 1n;
}

const SECRET = devBeaconSecret();
const PUBLIC_KEY = encodeG2(publicKeyG2(SECRET));

/** The dev beacon's signature of `round`: what a drand node of this beacon would publish. */
export function devBeaconSignature(round: number): Uint8Array {
  return encodeG1(signG1(roundIdentity(round), SECRET));
}

export function devBeaconPublicKey(): Uint8Array {
  return PUBLIC_KEY;
}

interface DevBeacon {
  genesisTime: number;
  period: number;
}

/** The dev beacon starts with the chain: its genesis time is the first block's second. */
function beaconConfig(genesisTime: number) {
  const hash = createHash('sha256').update(PUBLIC_KEY).update(String(genesisTime)).digest();
  // Bytes fields as hex: polkadot-js reads a Uint8Array as already SCALE-encoded.
  return {
    publicKey: u8aToHex(PUBLIC_KEY),
    period: DEV_BEACON_PERIOD,
    genesisTime,
    hash: u8aToHex(hash),
    groupHash: u8aToHex(hash),
    schemeId: u8aToHex(new TextEncoder().encode(SUPPORTED_SCHEME_ID)),
    metadata: { beaconId: u8aToHex(new TextEncoder().encode('pog-devnet')) },
  };
}

function readBeacon(s: TypedStorage): DevBeacon | null {
  // Absent until the first block writes it (the item's default is quicknet's configuration).
  if (!s.has(D, 'BeaconConfig')) return null;
  const c = s.get(D, 'BeaconConfig')!.toJSON() as { period: number; genesisTime: number };
  return { period: Number(c.period), genesisTime: Number(c.genesisTime) };
}

function writePulses(ctx: RuntimeContext, beacon: DevBeacon): void {
  const s = ctx.storage;
  const current = roundAt(Math.floor(ctx.timestamp / 1000), beacon.genesisTime, beacon.period);
  let last = Number(big(s.get(D, 'LastStoredRound')));
  if (last === 0) last = current - 1;
  if (current <= last) return;
  const first = last + 1;
  const upTo = last + Math.min(current - last, MAX_PULSES_TO_FETCH);
  const rounds: number[] = [];
  for (let round = first; round <= upTo; round++) {
    const signature = devBeaconSignature(round);
    const randomness = createHash('sha256').update(signature).digest();
    s.set(D, 'Pulses', [round], { round, randomness: u8aToHex(randomness), signature: u8aToHex(signature) });
    rounds.push(round);
  }
  s.set(D, 'LastStoredRound', [], upTo);
  if (Number(big(s.get(D, 'OldestStoredRound'))) === 0) s.set(D, 'OldestStoredRound', [], first);
  prune(s, upTo);
  ctx.emit(D, 'NewPulse', [rounds]);
}

/** `prune_old_pulses`. */
function prune(s: TypedStorage, lastStored: number): void {
  let oldest = Number(big(s.get(D, 'OldestStoredRound')));
  if (oldest === 0) return;
  let removed = 0;
  while (lastStored - oldest + 1 > MAX_KEPT_PULSES && removed < MAX_REMOVED_PULSES) {
    s.remove(D, 'Pulses', [oldest]);
    oldest++;
    removed++;
  }
  s.set(D, 'OldestStoredRound', [], oldest);
}

export const drandPallet: PalletRuntime = {
  name: D,
  calls: {},
  onInitialize: (ctx) => {
    let beacon = readBeacon(ctx.storage);
    if (!beacon) {
      const genesisTime = Math.floor(ctx.timestamp / 1000);
      ctx.storage.set(D, 'BeaconConfig', [], beaconConfig(genesisTime));
      beacon = { genesisTime, period: DEV_BEACON_PERIOD };
    }
    writePulses(ctx, beacon);
  },
};
