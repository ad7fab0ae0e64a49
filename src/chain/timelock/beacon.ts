/**
 * A drand beacon as pallet_drand stores it (`BeaconConfig`, types.rs `BeaconConfiguration`:
 * public_key ≤96 bytes, period u32 seconds, genesis_time u32, hash, group_hash, scheme_id,
 * metadata.beacon_id) and the encrypt/decrypt entry points bound to one.
 */
import { BeaconConfigError } from './errors';
import { decodeG1, decodeG2, verifyG1Signature, type G2Point } from './bls';
import { roundIdentity } from './rounds';
import { decodeTleCiphertext, encodeTleCiphertext, tld, tle, type TleOptions } from './tle';

/** The only scheme whose pulses `tle`'s TinyBLS381 decrypts with (signatures on G1, RFC 9380 hashing). */
export const SUPPORTED_SCHEME_ID = 'bls-unchained-g1-rfc9380';

export interface BeaconConfig {
  publicKey: Uint8Array;
  /** seconds between rounds */
  period: number;
  /** UNIX time of round 1 */
  genesisTime: number;
  schemeId: string;
  beaconId: string;
  hash: Uint8Array;
}

export interface Beacon {
  readonly config: BeaconConfig;
  readonly publicKey: G2Point;
}

/** Checks a configuration read from the chain and decodes its key. */
export function openBeacon(config: BeaconConfig): Beacon {
  if (config.schemeId !== SUPPORTED_SCHEME_ID) {
    throw new BeaconConfigError(`drand beacon scheme "${config.schemeId}" is not ${SUPPORTED_SCHEME_ID}, the one the chain's timelock (tle TinyBLS381) decrypts`, { schemeId: config.schemeId });
  }
  if (!Number.isInteger(config.period) || config.period <= 0) throw new BeaconConfigError(`drand beacon period ${config.period} is not a positive number of seconds`);
  if (!Number.isInteger(config.genesisTime) || config.genesisTime <= 0) throw new BeaconConfigError(`drand beacon genesis time ${config.genesisTime} is not a UNIX time`);
  try {
    return { config, publicKey: decodeG2(config.publicKey, 'drand beacon public key') };
  } catch (e) {
    throw new BeaconConfigError((e as Error).message);
  }
}

/** Timelock-encrypts `message` to `round` of `beacon`: the bytes `commit_timelocked_weights` takes. */
export function encryptToRound(beacon: Beacon, message: Uint8Array, round: number | bigint, opts?: TleOptions): Uint8Array {
  return encodeTleCiphertext(tle(message, roundIdentity(round), beacon.publicKey, opts));
}

/**
 * Decrypts chain-format timelock bytes with a pulse signature (48 bytes, or with a `0x` prefix as
 * the reveal strips it). Throws a TimelockError subclass naming what failed.
 */
export function decryptWithSignature(commit: Uint8Array, signature: Uint8Array): Uint8Array {
  const sig = stripHexPrefix(signature);
  return tld(decodeTleCiphertext(commit), decodeG1(sig, 'drand pulse signature'));
}

/** Whether `signature` is the beacon's signature of `round` (what pallet_drand's verifier checks). */
export function verifyPulse(beacon: Beacon, round: number | bigint, signature: Uint8Array): boolean {
  try {
    return verifyG1Signature(decodeG1(stripHexPrefix(signature), 'pulse signature'), roundIdentity(round), beacon.publicKey);
  } catch {
    return false;
  }
}

/** reveal_commits.rs: `pulse.signature.strip_prefix(b"0x").unwrap_or(&pulse.signature)`. */
function stripHexPrefix(b: Uint8Array): Uint8Array {
  return b.length >= 2 && b[0] === 0x30 && b[1] === 0x78 ? b.subarray(2) : b;
}
