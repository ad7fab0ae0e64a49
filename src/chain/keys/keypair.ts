import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import {
  decodeAddress,
  encodeAddress,
  mnemonicGenerate,
  mnemonicToMiniSecret,
  mnemonicValidate,
  signatureVerify,
  sr25519PairFromSeed,
} from '@polkadot/util-crypto';
import { InvalidKeyError } from './errors';

/** Bittensor's SS58 address prefix (subtensor `SS58Prefix`, btwallet's default). */
export const SS58_FORMAT = 42;

/** Mnemonic lengths BIP-39 allows; Bittensor creates 12-word mnemonics by default. */
export type MnemonicWords = 12 | 15 | 18 | 21 | 24;

/**
 * Everything a Bittensor keyfile can hold about one sr25519 key. `secretKey` is in
 * polkadot-js form (ed25519-expanded scalar ‖ nonce), which differs from the `privateKey`
 * field of a keyfile (schnorrkel's canonical scalar ‖ nonce): see {@link privateKeyToSecretKey}.
 */
export interface KeyMaterial {
  readonly publicKey: Uint8Array;
  readonly secretKey?: Uint8Array;
  /** The 32-byte mini secret (`secretSeed`). */
  readonly seed?: Uint8Array;
  /** The BIP-39 phrase (`secretPhrase`). */
  readonly mnemonic?: string;
}

/** A key without its secret, as in `coldkeypub.txt`. */
export interface PublicKeyInfo {
  readonly ss58Address: string;
  readonly publicKey: Uint8Array;
}

function keyring(): Keyring {
  return new Keyring({ type: 'sr25519', ss58Format: SS58_FORMAT });
}

/**
 * Recent ss58 encodings and decodings: base58 with its blake2b checksum costs ~40 µs each in
 * JS, and every signed request and response converts the same few peers' keys several times.
 * Bounded (cleared when full), so a flood of distinct addresses costs memory only up to it.
 */
const SS58_CACHE_LIMIT = 4096;
const addressByKey = new Map<string, string>();
const keyByAddress = new Map<string, Uint8Array | null>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= SS58_CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** The ss58 address (prefix 42) of a 32-byte public key. */
export function ss58Address(publicKey: Uint8Array): string {
  const hex = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('hex');
  return addressByKey.get(hex) ?? remember(addressByKey, hex, encodeAddress(publicKey, SS58_FORMAT));
}

/** The public key of an ss58 address (any prefix), or null when it is not a valid address. */
export function publicKeyOfAddress(address: string): Uint8Array | null {
  let publicKey = keyByAddress.get(address);
  if (publicKey === undefined) publicKey = remember(keyByAddress, address, decodePublicKey(address));
  return publicKey === null ? null : new Uint8Array(publicKey); // a copy: callers may write to it (and ~30× quicker than slice)
}

function decodePublicKey(address: string): Uint8Array | null {
  try {
    const publicKey = decodeAddress(address);
    return publicKey.length === 32 ? publicKey : null;
  } catch {
    return null;
  }
}

/** A fresh BIP-39 mnemonic from the system's CSPRNG. */
export function generateMnemonic(words: MnemonicWords = 12): string {
  return mnemonicGenerate(words);
}

/** Collapses runs of whitespace, as BIP-39 parsers do, so that a pasted phrase still loads. */
function normaliseMnemonic(mnemonic: string): string {
  return mnemonic.trim().split(/\s+/).join(' ');
}

/**
 * The key Bittensor derives from a mnemonic: substrate-bip39 mini secret (no password), then
 * sr25519 — btwallet's `Keypair.create_from_mnemonic`, so the address equals btcli's.
 */
export function keyMaterialFromMnemonic(mnemonic: string): KeyMaterial {
  const phrase = normaliseMnemonic(mnemonic);
  if (!mnemonicValidate(phrase)) {
    throw new InvalidKeyError(`not a valid BIP-39 mnemonic (${phrase === '' ? 0 : phrase.split(' ').length} words; a word or the checksum is wrong)`);
  }
  const seed = mnemonicToMiniSecret(phrase);
  return { ...sr25519PairFromSeed(seed), seed, mnemonic: phrase };
}

/** The key of a 32-byte mini secret (a keyfile's `secretSeed`). */
export function keyMaterialFromSeed(seed: Uint8Array): KeyMaterial {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new InvalidKeyError(`a seed must be 32 bytes, got ${String(seed?.length)}`);
  return { ...sr25519PairFromSeed(seed), seed: Uint8Array.from(seed) };
}

/**
 * schnorrkel's canonical secret (a keyfile's 64-byte `privateKey`: scalar ‖ nonce) to the
 * polkadot-js form, whose scalar is multiplied by the cofactor 8 (shifted left 3 bits).
 * Fed unconverted, polkadot-js makes signatures that do not verify.
 */
export function privateKeyToSecretKey(privateKey: Uint8Array): Uint8Array {
  if (privateKey.length !== 64) throw new InvalidKeyError(`an sr25519 private key must be 64 bytes, got ${privateKey.length}`);
  const out = Uint8Array.from(privateKey);
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const byte = privateKey[i]!;
    out[i] = ((byte << 3) | carry) & 0xff;
    carry = byte >> 5;
  }
  if (carry !== 0) throw new InvalidKeyError('the private key\'s scalar is not canonical (above 2^253)');
  return out;
}

/** The inverse of {@link privateKeyToSecretKey}: polkadot-js secret to a keyfile's `privateKey`. */
export function secretKeyToPrivateKey(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 64) throw new InvalidKeyError(`an sr25519 secret key must be 64 bytes, got ${secretKey.length}`);
  const out = Uint8Array.from(secretKey);
  for (let i = 0; i < 32; i++) {
    const next = i < 31 ? secretKey[i + 1]! : 0;
    out[i] = (secretKey[i]! >> 3) | ((next & 0x07) << 5);
  }
  return out;
}

/**
 * The key of a keyfile's `privateKey` with the public key recorded beside it. An sr25519
 * secret does not carry its public key, so the pair is checked by signing and verifying:
 * returns null when the secret does not belong to `publicKey`.
 */
export function keyMaterialFromPrivateKey(privateKey: Uint8Array, publicKey: Uint8Array): KeyMaterial | null {
  const secretKey = privateKeyToSecretKey(privateKey);
  const pair = keyring().createFromPair({ publicKey, secretKey });
  const probe = new TextEncoder().encode('pog-subnet keyfile self-check');
  return signatureVerify(probe, pair.sign(probe), publicKey).isValid ? { publicKey: Uint8Array.from(publicKey), secretKey } : null;
}

/** A signing pair (sr25519, ss58 prefix 42) for key material that has its secret. */
export function keyringPairFromMaterial(material: KeyMaterial): KeyringPair {
  if (!material.secretKey) throw new InvalidKeyError(`key ${ss58Address(material.publicKey)} has no secret: it is public only`);
  return keyring().createFromPair({ publicKey: material.publicKey, secretKey: material.secretKey });
}

/**
 * A signing pair from a Substrate secret URI: a dev account (`//Alice`, `//Bob//stash`, on
 * the well-known dev phrase), a mnemonic with an optional derivation path
 * (`<phrase>//hard/soft///password`), or a `0x` 32-byte seed. The error never repeats the URI.
 */
export function keypairFromUri(uri: string): KeyringPair {
  if (typeof uri !== 'string' || uri.trim() === '') throw new InvalidKeyError('empty key URI');
  const trimmed = uri.trim();
  const invalid = new InvalidKeyError('not a valid key URI: expected //Name (a dev account), a BIP-39 mnemonic with an optional //path, or a 0x 32-byte seed');
  let suri = trimmed;
  if (trimmed.startsWith('0x')) {
    // polkadot-js would take any short non-hex string as a padded seed; insist on 32 bytes of hex.
    if (!/^0x[0-9a-fA-F]{64}(\/|$)/.test(trimmed)) throw invalid;
  } else if (!trimmed.startsWith('/')) {
    const slash = trimmed.indexOf('/');
    const phrase = normaliseMnemonic(slash < 0 ? trimmed : trimmed.slice(0, slash));
    if (!mnemonicValidate(phrase)) throw invalid;
    suri = phrase + (slash < 0 ? '' : trimmed.slice(slash));
  }
  try {
    return keyring().createFromUri(suri);
  } catch {
    // polkadot-js messages may quote the URI, which can hold a phrase: never pass them on.
    throw invalid;
  }
}

/** A signing pair from a mnemonic, derived exactly as btcli does (see {@link keyMaterialFromMnemonic}). */
export function keypairFromMnemonic(mnemonic: string): KeyringPair {
  return keyringPairFromMaterial(keyMaterialFromMnemonic(mnemonic));
}

/** `0x`-prefixed lower-case hex, as keyfiles store keys. */
export function toHex(bytes: Uint8Array): string {
  return u8aToHex(bytes);
}
