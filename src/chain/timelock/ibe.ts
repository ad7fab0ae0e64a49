/**
 * Boneh–Franklin IBE (FullIdent) on BLS12-381 exactly as the `tle` crate does it at the revision
 * subtensor pins (ideal-lab5/timelock@5416406 `tle/src/ibe/{fullident,utils}.rs`), with the
 * identity's point Q_ID on G1 and the master public key P_pub on G2:
 *
 *   encrypt(m: 32 bytes):  σ ← 32 random bytes; r = H3(σ ‖ m); U = r·G2;
 *                          V = σ ⊕ H2(e(Q_ID, r·P_pub)); W = m ⊕ H4(σ)
 *   decrypt(sig = s·Q_ID): σ = V ⊕ H2(e(sig, U)); m = W ⊕ H4(σ); refuse unless H3(σ ‖ m)·G2 == U
 *
 * H2 = SHA-256 of the arkworks bytes of the G_T element (bls.ts), H3 = SHA-256 read big endian
 * mod r, H4(σ) = SHA-256(σ) cut to |σ|. (tle draws σ as H4 of a random scalar's bytes; any
 * uniformly random 32 bytes decrypt the same way, so σ is drawn directly, as later tle does.)
 */
import { createHash, randomBytes } from 'node:crypto';
import { g2Times, h2, hashToG1, pairing, scalarFromBeBytesModOrder, type G1Point, type G2Point } from './bls';
import { TimelockSignatureMismatchError } from './errors';

export const IBE_MESSAGE_BYTES = 32;

/** tle `ibe::fullident::Ciphertext<TinyBLS381>`: U on G2, V and W 32 bytes each. */
export interface IbeCiphertext {
  u: G2Point;
  v: Uint8Array;
  w: Uint8Array;
}

function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

function h3(sigma: Uint8Array, message: Uint8Array): bigint {
  return scalarFromBeBytesModOrder(sha256(sigma, message));
}

function h4(sigma: Uint8Array): Uint8Array {
  return sha256(sigma).subarray(0, sigma.length);
}

/** Encrypt a 32-byte message to identity message `id` (hashed to G1) under master key `pPub`. */
export function ibeEncrypt(message: Uint8Array, id: Uint8Array, pPub: G2Point, sigma: Uint8Array = randomBytes(IBE_MESSAGE_BYTES)): IbeCiphertext {
  if (message.length !== IBE_MESSAGE_BYTES || sigma.length !== IBE_MESSAGE_BYTES) throw new RangeError(`IBE message and sigma have ${IBE_MESSAGE_BYTES} bytes`);
  const r = h3(sigma, message);
  const gId = pairing(hashToG1(id), pPub.multiply(r));
  return { u: g2Times(r), v: xor(sigma, h2(gId)), w: xor(message, h4(sigma)) };
}

/** Open a header with the identity's secret (the beacon's signature for that identity). */
export function ibeDecrypt(ct: IbeCiphertext, signature: G1Point): Uint8Array {
  if (ct.v.length !== IBE_MESSAGE_BYTES || ct.w.length !== IBE_MESSAGE_BYTES) {
    throw new TimelockSignatureMismatchError(`IBE header V/W have ${ct.v.length}/${ct.w.length} bytes, expected ${IBE_MESSAGE_BYTES}`);
  }
  const sigma = xor(ct.v, h2(pairing(signature, ct.u)));
  const m = xor(ct.w, h4(sigma));
  const r = h3(sigma, m);
  if (r === 0n || !g2Times(r).equals(ct.u)) {
    throw new TimelockSignatureMismatchError('the signature does not open this timelock header (wrong round, or the header was altered)');
  }
  return m;
}
