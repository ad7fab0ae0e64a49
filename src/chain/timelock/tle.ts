/**
 * The chain's timelock ciphertext: tle `tlock::TLECiphertext<TinyBLS381>` with the
 * `AESGCMStreamCipherProvider` (ideal-lab5/timelock@5416406 `tle/src/{tlock,stream_ciphers}.rs`),
 * serialized with arkworks `serialize_compressed`, which subtensor's
 * `reveal_crv3_commits_for_subnet` reads back with `deserialize_compressed`. Field order:
 *
 *   header.u  G2 compressed (96)
 *   header.v  Vec<u8> (u64 LE len = 32, 32 bytes)
 *   header.w  Vec<u8> (u64 LE len = 32, 32 bytes)
 *   body      Vec<u8>: arkworks bytes of AESOutput { ciphertext: Vec<u8> (AES-256-GCM output with
 *             the 16-byte tag appended), nonce: Vec<u8> (12 bytes) }
 *   cipher_suite Vec<u8> = b"AES_GCM_"
 *
 * The 32-byte AES key is the IBE message (`tle(p_pub, secret_key, …)` encrypts `secret_key` in the
 * header and uses it as the AES key); the AES-GCM associated data is empty.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { u8aConcat } from '@polkadot/util';
import { ArkReader, arkBytes } from './ark-codec';
import { decodeG2, encodeG2, type G1Point, type G2Point } from './bls';
import { TimelockBodyError, TimelockCiphertextFormatError, TimelockError } from './errors';
import { ibeDecrypt, ibeEncrypt, IBE_MESSAGE_BYTES, type IbeCiphertext } from './ibe';

export const CIPHER_SUITE_AES_GCM = new TextEncoder().encode('AES_GCM_');
export const AES_GCM_NONCE_BYTES = 12;
const AES_GCM_TAG_BYTES = 16;
/** subtensor `MAX_CRV3_COMMIT_SIZE_BYTES`: the `commit` BoundedVec's bound. */
export const MAX_TIMELOCK_COMMIT_BYTES = 5000;

export interface TleCiphertext {
  header: IbeCiphertext;
  /** arkworks bytes of AESOutput */
  body: Uint8Array;
  cipherSuite: Uint8Array;
}

export function encodeTleCiphertext(ct: TleCiphertext): Uint8Array {
  return u8aConcat(encodeG2(ct.header.u), arkBytes(ct.header.v), arkBytes(ct.header.w), arkBytes(ct.body), arkBytes(ct.cipherSuite));
}

export function decodeTleCiphertext(bytes: Uint8Array): TleCiphertext {
  const r = new ArkReader(bytes, 'TLECiphertext');
  let u: G2Point;
  try {
    u = decodeG2(r.fixed(96, 'header.u'), 'TLECiphertext header.u');
  } catch (e) {
    if (e instanceof TimelockCiphertextFormatError) throw e;
    throw new TimelockCiphertextFormatError((e as Error).message);
  }
  const v = r.vec('header.v', MAX_TIMELOCK_COMMIT_BYTES);
  const w = r.vec('header.w', MAX_TIMELOCK_COMMIT_BYTES);
  const body = r.vec('body', MAX_TIMELOCK_COMMIT_BYTES);
  const cipherSuite = r.vec('cipher_suite', MAX_TIMELOCK_COMMIT_BYTES);
  return { header: { u, v, w }, body, cipherSuite };
}

function encodeAesOutput(ciphertext: Uint8Array, nonce: Uint8Array): Uint8Array {
  return u8aConcat(arkBytes(ciphertext), arkBytes(nonce));
}

function decodeAesOutput(bytes: Uint8Array): { ciphertext: Uint8Array; nonce: Uint8Array } {
  try {
    const r = new ArkReader(bytes, 'AESOutput');
    return { ciphertext: r.vec('ciphertext', MAX_TIMELOCK_COMMIT_BYTES), nonce: r.vec('nonce', MAX_TIMELOCK_COMMIT_BYTES) };
  } catch (e) {
    throw new TimelockBodyError((e as Error).message);
  }
}

export interface TleOptions {
  /** the 32-byte AES key, sealed in the header; random by default */
  secretKey?: Uint8Array;
  /** the 12-byte AES-GCM nonce; random by default */
  nonce?: Uint8Array;
  /** the 32-byte IBE σ; random by default */
  sigma?: Uint8Array;
}

/** Timelock-encrypt `message` to identity message `id` under the beacon key `pPub`. */
export function tle(message: Uint8Array, id: Uint8Array, pPub: G2Point, opts: TleOptions = {}): TleCiphertext {
  const key = opts.secretKey ?? randomBytes(IBE_MESSAGE_BYTES);
  const nonce = opts.nonce ?? randomBytes(AES_GCM_NONCE_BYTES);
  if (key.length !== IBE_MESSAGE_BYTES || nonce.length !== AES_GCM_NONCE_BYTES) throw new RangeError('AES key has 32 bytes and nonce 12');
  const header = ibeEncrypt(key, id, pPub, opts.sigma);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = u8aConcat(cipher.update(message), cipher.final(), cipher.getAuthTag());
  return { header, body: encodeAesOutput(sealed, nonce), cipherSuite: CIPHER_SUITE_AES_GCM };
}

/**
 * Decrypt with the beacon's signature for the identity. Throws TimelockSignatureMismatchError
 * when the header does not open (tle `InvalidSignature`) and TimelockBodyError when the body does
 * not parse or authenticate (tle `DeserializationError` / `DecryptionError`).
 */
export function tld(ct: TleCiphertext, signature: G1Point): Uint8Array {
  const key = ibeDecrypt(ct.header, signature);
  const { ciphertext, nonce } = decodeAesOutput(ct.body);
  if (nonce.length !== AES_GCM_NONCE_BYTES) throw new TimelockBodyError(`AES-GCM nonce has ${nonce.length} bytes, expected ${AES_GCM_NONCE_BYTES}`);
  if (ciphertext.length < AES_GCM_TAG_BYTES) throw new TimelockBodyError(`AES-GCM ciphertext has ${ciphertext.length} bytes, shorter than its tag`);
  try {
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAuthTag(ciphertext.subarray(ciphertext.length - AES_GCM_TAG_BYTES));
    return u8aConcat(d.update(ciphertext.subarray(0, ciphertext.length - AES_GCM_TAG_BYTES)), d.final());
  } catch (e) {
    if (e instanceof TimelockError) throw e;
    throw new TimelockBodyError('the AES-GCM body does not authenticate under the key in the header');
  }
}
