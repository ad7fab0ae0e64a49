import sodium = require('libsodium-wrappers-sumo');
import { CorruptKeyfileError, WrongPasswordError } from './errors';

/**
 * Bittensor's keyfile encryption (btwallet `src/keyfile.rs`), the scheme btcli uses for
 * coldkeys: `"$NACL" ‖ nonce (24 bytes) ‖ XSalsa20-Poly1305 secretbox(keyfile JSON)`, with the
 * 32-byte key from argon2i (version 1.3) over the UTF-8 password, a fixed salt, and
 * libsodium's argon2i "sensitive" limits. The generic `crypto_pwhash_*_SENSITIVE` constants
 * are argon2id's (4 passes, 1 GiB) and would derive a different key.
 */
export const NACL_PREFIX = '$NACL';
/** btwallet's `NACL_SALT`, `b"\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1"`. */
export const NACL_SALT_HEX = '137183dff15a09bc9c90b5518739e9b1';
/** `crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE`. */
export const NACL_OPSLIMIT = 8;
/** `crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE`: 512 MiB. */
export const NACL_MEMLIMIT = 536_870_912;
export const NACL_NONCE_BYTES = 24;
export const NACL_KEY_BYTES = 32;
const MAC_BYTES = 16;

/** How a keyfile's bytes are protected, judged by their prefix as btwallet does. */
export type KeyfileEncoding = 'nacl' | 'ansible-vault' | 'fernet' | 'json';

/** Human names of the encodings, for messages. */
export const ENCODING_NAMES: Record<KeyfileEncoding, string> = {
  nacl: '$NACL (argon2i + secretbox)',
  'ansible-vault': 'Ansible Vault (legacy Bittensor encryption)',
  fernet: 'Fernet (older legacy Bittensor encryption)',
  json: 'none (plain JSON)',
};

function startsWith(data: Uint8Array, prefix: string): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** `$NACL`, `$ANSIBLE_VAULT`, `gAAAAA` (Fernet), or anything else (taken as plain JSON). */
export function keyfileEncoding(data: Uint8Array): KeyfileEncoding {
  if (startsWith(data, NACL_PREFIX)) return 'nacl';
  if (startsWith(data, '$ANSIBLE_VAULT')) return 'ansible-vault';
  if (startsWith(data, 'gAAAAA')) return 'fernet';
  return 'json';
}

let ready: Promise<void> | undefined;
async function sodiumReady(): Promise<typeof sodium> {
  ready ??= sodium.ready.then(() => {
    // Guard against a libsodium build whose constants differ from the scheme's.
    if (sodium.crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE !== NACL_OPSLIMIT || sodium.crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE !== NACL_MEMLIMIT) {
      throw new Error('libsodium\'s argon2i sensitive limits differ from Bittensor\'s $NACL scheme');
    }
  });
  await ready;
  return sodium;
}

/**
 * The secretbox key for `password`. Deliberately expensive: about 5 s of CPU and 512 MiB of
 * memory (argon2i, 8 passes), as btcli spends on every unlock.
 */
export async function deriveNaclKey(password: string): Promise<Uint8Array> {
  const na = await sodiumReady();
  return na.crypto_pwhash(
    NACL_KEY_BYTES,
    Buffer.from(password, 'utf8'),
    Buffer.from(NACL_SALT_HEX, 'hex'),
    NACL_OPSLIMIT,
    NACL_MEMLIMIT,
    na.crypto_pwhash_ALG_ARGON2I13,
  );
}

/** Seals `plaintext` under an already derived key: `$NACL ‖ nonce ‖ secretbox`. */
export async function sealNacl(plaintext: Uint8Array, key: Uint8Array, nonce?: Uint8Array): Promise<Uint8Array> {
  const na = await sodiumReady();
  const n = nonce ?? na.randombytes_buf(NACL_NONCE_BYTES);
  if (n.length !== NACL_NONCE_BYTES) throw new RangeError(`a $NACL nonce is ${NACL_NONCE_BYTES} bytes`);
  const box = na.crypto_secretbox_easy(plaintext, n, key);
  return Buffer.concat([Buffer.from(NACL_PREFIX, 'latin1'), n, box]);
}

function assertNaclShape(data: Uint8Array, path: string): void {
  if (keyfileEncoding(data) !== 'nacl') throw new CorruptKeyfileError(path, `does not start with ${NACL_PREFIX}`);
  if (data.length < NACL_PREFIX.length + NACL_NONCE_BYTES + MAC_BYTES) throw new CorruptKeyfileError(path, `$NACL data is truncated (${data.length} bytes)`);
}

/**
 * Opens `$NACL` data under an already derived key. `path` only names the file in errors:
 * WrongPasswordError when the box does not open, CorruptKeyfileError when it is too short.
 */
export async function openNacl(data: Uint8Array, key: Uint8Array, path = '(keyfile data)'): Promise<Uint8Array> {
  const na = await sodiumReady();
  assertNaclShape(data, path);
  const body = data.subarray(NACL_PREFIX.length);
  try {
    return na.crypto_secretbox_open_easy(body.subarray(NACL_NONCE_BYTES), body.subarray(0, NACL_NONCE_BYTES), key);
  } catch {
    throw new WrongPasswordError(path);
  }
}

/** Encrypts keyfile bytes with `password` as btcli does. */
export async function encryptKeyfileData(plaintext: Uint8Array, password: string): Promise<Uint8Array> {
  const key = await deriveNaclKey(password);
  try {
    return await sealNacl(plaintext, key);
  } finally {
    key.fill(0);
  }
}

/** Decrypts `$NACL` keyfile bytes with `password`; see {@link openNacl} for the errors. */
export async function decryptKeyfileData(data: Uint8Array, password: string, path?: string): Promise<Uint8Array> {
  assertNaclShape(data, path ?? '(keyfile data)');
  const key = await deriveNaclKey(password);
  try {
    return await openNacl(data, key, path);
  } finally {
    key.fill(0);
  }
}
