/**
 * BLS12-381 as drand quicknet (`bls-unchained-g1-rfc9380`) and the `tle` crate's `TinyBLS381`
 * use it: signatures (and IBE identities) on G1, 48 bytes compressed; the beacon public key (and
 * the IBE header's `U`) on G2, 96 bytes compressed. Hash-to-G1 is RFC 9380 hash_to_curve with
 * DST `BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_` (tle `curves/drand.rs` QUICKNET_CTX).
 *
 * Sources (facts only): ideal-lab5/timelock@5416406 (the revision subtensor pins) `tle/src/curves/
 * drand.rs`, `tle/src/ibe/{fullident,utils}.rs`; ark-bls12-381 0.4 point encoding (zcash format,
 * which @noble/curves reads and writes); ark-ff 0.4 field serialization (below).
 */
import { bls12_381 } from '@noble/curves/bls12-381';
import { createHash } from 'node:crypto';
import { BeaconPointError } from './errors';

export type G1Point = ReturnType<typeof bls12_381.G1.Point.fromHex>;
export type G2Point = ReturnType<typeof bls12_381.G2.Point.fromHex>;
type Fp12 = ReturnType<typeof bls12_381.pairing>;

export const QUICKNET_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
export const G1_COMPRESSED_BYTES = 48;
export const G2_COMPRESSED_BYTES = 96;
/** The scalar field order r. */
export const CURVE_ORDER = bls12_381.params.r;

const FP_BYTES = 48;

/** A compressed G1 point (a beacon signature), checked to be on the curve and in the subgroup. */
export function decodeG1(bytes: Uint8Array, what = 'G1 point'): G1Point {
  if (bytes.length !== G1_COMPRESSED_BYTES) throw new BeaconPointError(`${what} has ${bytes.length} bytes, expected ${G1_COMPRESSED_BYTES}`, { length: bytes.length });
  try {
    const p = bls12_381.G1.Point.fromHex(bytes);
    p.assertValidity();
    return p;
  } catch (e) {
    throw new BeaconPointError(`${what} is not a valid compressed BLS12-381 G1 point: ${(e as Error).message}`);
  }
}

/** A compressed G2 point (a beacon public key, an IBE `U`), checked to be on the curve and in the subgroup. */
export function decodeG2(bytes: Uint8Array, what = 'G2 point'): G2Point {
  if (bytes.length !== G2_COMPRESSED_BYTES) throw new BeaconPointError(`${what} has ${bytes.length} bytes, expected ${G2_COMPRESSED_BYTES}`, { length: bytes.length });
  try {
    const p = bls12_381.G2.Point.fromHex(bytes);
    p.assertValidity();
    return p;
  } catch (e) {
    throw new BeaconPointError(`${what} is not a valid compressed BLS12-381 G2 point: ${(e as Error).message}`);
  }
}

export function encodeG1(p: G1Point): Uint8Array {
  return p.toBytes(true);
}

export function encodeG2(p: G2Point): Uint8Array {
  return p.toBytes(true);
}

/** The G1 point a message hashes to (drand: the message is SHA-256 of the round, see rounds.ts). */
export function hashToG1(message: Uint8Array): G1Point {
  return bls12_381.G1.hashToCurve(message, { DST: QUICKNET_DST }) as unknown as G1Point;
}

/** e(P, Q) for P in G1, Q in G2 (arkworks `Bls12_381::pairing(g1, g2)`; tle calls it with the G1 point first). */
export function pairing(p: G1Point, q: G2Point): Fp12 {
  return bls12_381.pairing(p, q);
}

/**
 * arkworks' `serialize_compressed` of an Fp12 element: the tower Fp12 = Fp6[w] (c0, c1),
 * Fp6 = Fp2[v] (c0, c1, c2), Fp2 = Fp[u] (c0, c1), written depth first in that order, each Fp
 * as its canonical integer in 48 little-endian bytes (ark-ff `serialize_with_flags` on a 381-bit
 * field with no flags). 576 bytes. tle's H2 is SHA-256 of these bytes.
 */
export function fp12ArkBytes(x: Fp12): Uint8Array {
  const out = new Uint8Array(12 * FP_BYTES);
  let at = 0;
  for (const c6 of [x.c0, x.c1]) {
    for (const c2 of [c6.c0, c6.c1, c6.c2]) {
      for (const fp of [c2.c0, c2.c1]) {
        let v = fp;
        for (let i = 0; i < FP_BYTES; i++) {
          out[at + i] = Number(v & 0xffn);
          v >>= 8n;
        }
        at += FP_BYTES;
      }
    }
  }
  return out;
}

/** tle H2: G_T → {0,1}^256, SHA-256 of the arkworks bytes of the pairing value. */
export function h2(x: Fp12): Uint8Array {
  return createHash('sha256').update(fp12ArkBytes(x)).digest();
}

/** BLS signature on G1 under a G2 public key: e(sig, g2) == e(H(m), pk). */
export function verifyG1Signature(signature: G1Point, message: Uint8Array, publicKey: G2Point): boolean {
  return bls12_381.shortSignatures.verify(signature, hashToG1(message), publicKey);
}

/** Sign `message` on G1 with scalar `secret` (a local beacon's pulse). */
export function signG1(message: Uint8Array, secret: bigint): G1Point {
  return hashToG1(message).multiply(secret);
}

/** The G2 public key of scalar `secret`. */
export function publicKeyG2(secret: bigint): G2Point {
  return bls12_381.G2.Point.BASE.multiply(secret);
}

/** The G2 generator times `r` (IBE `U = rP`). */
export function g2Times(r: bigint): G2Point {
  return bls12_381.G2.Point.BASE.multiply(r);
}

/** tle H3's reduction: the big-endian integer of `bytes` mod r (ark-ff `from_be_bytes_mod_order`). */
export function scalarFromBeBytesModOrder(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v % CURVE_ORDER;
}
