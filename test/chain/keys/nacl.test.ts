import sodium = require('libsodium-wrappers-sumo');
import {
  CorruptKeyfileError,
  deriveNaclKey,
  ENCODING_NAMES,
  keyfileEncoding,
  NACL_MEMLIMIT,
  NACL_OPSLIMIT,
  NACL_SALT_HEX,
  openNacl,
  sealNacl,
  WrongPasswordError,
} from '../../../src/chain';

// Bittensor's documented $NACL scheme (btwallet src/keyfile.rs), written out here
// independently of the implementation: argon2i v1.3, salt b"\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1",
// opslimit 8 and memlimit 512 MiB (argon2i's SENSITIVE limits), 32-byte key; then
// "$NACL" ‖ nonce(24) ‖ crypto_secretbox(plaintext).
const SALT = Uint8Array.from([0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1]);
const PASSWORD = 'hunter2';
// crypto_pwhash(32, "hunter2", SALT, 8, 536870912, ALG_ARGON2I13), computed once with libsodium directly.
const KEY_HEX = '801bbad1136f478280f991fd9b52eb5419f23ddefa89a2e5722bc1be20cd35bb';
const KEY = Buffer.from(KEY_HEX, 'hex');
const PLAINTEXT = Buffer.from('{"secretPhrase":"old leopard transfer rib spatial phone calm indicate online fire caution review"}');

beforeAll(async () => {
  await sodium.ready;
});

function rawSeal(plaintext: Uint8Array, nonce: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from('$NACL'), nonce, sodium.crypto_secretbox_easy(plaintext, nonce, KEY)]);
}

describe('$NACL keyfile encryption', () => {
  it('uses argon2i\'s sensitive limits and Bittensor\'s salt, not the argon2id defaults', () => {
    expect(Buffer.from(SALT).toString('hex')).toBe(NACL_SALT_HEX);
    expect(NACL_OPSLIMIT).toBe(sodium.crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE);
    expect(NACL_MEMLIMIT).toBe(sodium.crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE);
    expect(NACL_OPSLIMIT).toBe(8);
    expect(NACL_MEMLIMIT).toBe(512 * 1024 * 1024);
    expect(sodium.crypto_pwhash_MEMLIMIT_SENSITIVE).not.toBe(NACL_MEMLIMIT); // the trap: argon2id's 1 GiB
  });

  // The one argon2i derivation of this file: about 5 s and 512 MiB.
  it('derives the documented key from the password', async () => {
    const started = Date.now();
    const key = await deriveNaclKey(PASSWORD);
    expect(Buffer.from(key).toString('hex')).toBe(KEY_HEX);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('opens data sealed with the documented construction', async () => {
    const nonce = sodium.randombytes_buf(24);
    expect(Buffer.from(await openNacl(rawSeal(PLAINTEXT, nonce), KEY))).toEqual(PLAINTEXT);
  });

  it('seals data the documented construction opens, starting with $NACL', async () => {
    const sealed = await sealNacl(PLAINTEXT, KEY);
    expect(Buffer.from(sealed.subarray(0, 5)).toString('latin1')).toBe('$NACL');
    expect(sealed.length).toBe(5 + 24 + 16 + PLAINTEXT.length);
    const opened = sodium.crypto_secretbox_open_easy(sealed.subarray(29), sealed.subarray(5, 29), KEY);
    expect(Buffer.from(opened)).toEqual(PLAINTEXT);
    // A fresh nonce each time.
    expect(Buffer.from((await sealNacl(PLAINTEXT, KEY)).subarray(5, 29))).not.toEqual(Buffer.from(sealed.subarray(5, 29)));
  });

  it.each([
    ['the nonce', 5],
    ['the MAC', 29],
    ['the ciphertext', 60],
    ['the last byte', -1],
  ])('fails with WrongPasswordError when %s is tampered with', async (_, at) => {
    const sealed = Buffer.from(await sealNacl(PLAINTEXT, KEY));
    const index = at < 0 ? sealed.length + at : at;
    sealed[index] = sealed[index]! ^ 0x01;
    await expect(openNacl(sealed, KEY, '/w/coldkey')).rejects.toThrow(WrongPasswordError);
    await expect(openNacl(sealed, KEY, '/w/coldkey')).rejects.toThrow('wrong password for /w/coldkey (or the encrypted file was modified)');
  });

  it('fails with WrongPasswordError under another key', async () => {
    const other = Buffer.from(KEY);
    other[0] = other[0]! ^ 0x80;
    await expect(openNacl(await sealNacl(PLAINTEXT, KEY), other)).rejects.toThrow(WrongPasswordError);
  });

  it('reports truncated or unprefixed data as corrupt', async () => {
    const sealed = await sealNacl(PLAINTEXT, KEY);
    await expect(openNacl(sealed.subarray(0, 40), KEY, '/w/coldkey')).rejects.toThrow(CorruptKeyfileError);
    await expect(openNacl(sealed.subarray(0, 40), KEY, '/w/coldkey')).rejects.toThrow(/truncated/);
    await expect(openNacl(sealed.subarray(1), KEY)).rejects.toThrow(/does not start with \$NACL/);
  });

  it('recognises the encodings btwallet recognises, by prefix', () => {
    const bytes = (s: string) => Buffer.from(s, 'latin1');
    expect(keyfileEncoding(bytes('$NACL\x00\x01'))).toBe('nacl');
    expect(keyfileEncoding(bytes('$ANSIBLE_VAULT;1.1;AES256\n3033'))).toBe('ansible-vault');
    expect(keyfileEncoding(bytes('gAAAAABk'))).toBe('fernet');
    expect(keyfileEncoding(bytes('{"ss58Address":"5H"}'))).toBe('json');
    expect(keyfileEncoding(bytes('$NAC'))).toBe('json');
    expect(ENCODING_NAMES['ansible-vault']).toMatch(/Ansible Vault/);
    expect(ENCODING_NAMES.fernet).toMatch(/Fernet/);
  });
});
