import { u8aToHex } from '@polkadot/util';
import {
  AddressMismatchError,
  CorruptKeyfileError,
  keyfileJson,
  keyMaterialFromKeyfileJson,
  keyMaterialFromMnemonic,
  keypairFromUri,
  UnsupportedEncryptionError,
} from '../../../src/chain';

// btwallet's test vector (tests/test_keyfile.py).
const MNEMONIC = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const ADDRESS = '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX';
const PUBLIC_KEY = '0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446';
const PRIVATE_KEY =
  '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e';
const SEED = '0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143';

const full = { accountId: PUBLIC_KEY, publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY, secretPhrase: MNEMONIC, secretSeed: SEED, ss58Address: ADDRESS };
const load = (json: object) => keyMaterialFromKeyfileJson(JSON.stringify(json), '/w/hotkeys/h');

describe('keyfile JSON', () => {
  it('writes every field btwallet writes, with btwallet\'s values', () => {
    expect(JSON.parse(keyfileJson(keyMaterialFromMnemonic(MNEMONIC)))).toEqual(full);
    expect(JSON.parse(keyfileJson(keyMaterialFromMnemonic(MNEMONIC), { publicOnly: true }))).toEqual({
      accountId: PUBLIC_KEY,
      publicKey: PUBLIC_KEY,
      ss58Address: ADDRESS,
    });
  });

  it.each([
    ['secretPhrase', { secretPhrase: MNEMONIC, ss58Address: ADDRESS }],
    ['secretSeed', { secretSeed: SEED, ss58Address: ADDRESS }],
    ['privateKey', { privateKey: PRIVATE_KEY, publicKey: PUBLIC_KEY }],
    ['nulls and any key order', { ss58Address: ADDRESS, secretPhrase: null, privateKey: PRIVATE_KEY, accountId: PUBLIC_KEY, secretSeed: null }],
  ])('loads the secret key from %s', (_, json) => {
    const material = load(json);
    expect(u8aToHex(material.publicKey)).toBe(PUBLIC_KEY);
    expect(material.secretKey).toEqual(keyMaterialFromMnemonic(MNEMONIC).secretKey);
  });

  it('prefers secretPhrase, then secretSeed, then privateKey (as btwallet)', () => {
    expect(load(full).mnemonic).toBe(MNEMONIC);
    const { secretPhrase: _, ...noPhrase } = full;
    expect(load(noPhrase).mnemonic).toBeUndefined();
    expect(u8aToHex(load(noPhrase).seed!)).toBe(SEED);
  });

  it('loads a public-only file (coldkeypub.txt) without a secret', () => {
    const material = load({ accountId: PUBLIC_KEY, publicKey: PUBLIC_KEY, ss58Address: ADDRESS });
    expect(u8aToHex(material.publicKey)).toBe(PUBLIC_KEY);
    expect(material.secretKey).toBeUndefined();
    expect(u8aToHex(load({ ss58Address: ADDRESS }).publicKey)).toBe(PUBLIC_KEY);
  });

  it('refuses a file whose secret is not the key it records', () => {
    const alice = keypairFromUri('//Alice').address;
    expect(() => load({ ...full, ss58Address: alice })).toThrow(AddressMismatchError);
    expect(() => load({ ...full, ss58Address: alice })).toThrow(`/w/hotkeys/h records ${alice} but its publicKey is ${ADDRESS}`);
    expect(() => load({ secretPhrase: MNEMONIC, ss58Address: alice })).toThrow(`records ${alice} but the key derived from its secret is ${ADDRESS}`);
    expect(() => load({ privateKey: PRIVATE_KEY, ss58Address: alice })).toThrow(AddressMismatchError);
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['an empty object', '{}', /none of secretPhrase/],
    ['a bad address', JSON.stringify({ ss58Address: '5notanaddress' }), /ss58Address is not a valid SS58 address/],
    ['a short public key', JSON.stringify({ publicKey: '0x1234' }), /publicKey is not 0x-prefixed hex of 32 bytes/],
    ['a bad mnemonic', JSON.stringify({ secretPhrase: 'one two three' }), /not a valid BIP-39 mnemonic/],
    ['a privateKey alone', JSON.stringify({ privateKey: PRIVATE_KEY }), /privateKey without a publicKey/],
    ['a numeric field', JSON.stringify({ ss58Address: 42 }), /unexpected fields: ss58Address/],
  ])('names the path of a corrupt keyfile: %s', (_, text, reason) => {
    expect(() => keyMaterialFromKeyfileJson(text, '/w/coldkey')).toThrow(CorruptKeyfileError);
    expect(() => keyMaterialFromKeyfileJson(text, '/w/coldkey')).toThrow(reason);
    expect(() => keyMaterialFromKeyfileJson(text, '/w/coldkey')).toThrow(/^\/w\/coldkey is not a valid Bittensor keyfile/);
  });

  it('says that a polkadot-js encrypted JSON keystore is unsupported', () => {
    const keystore = JSON.stringify({ encoded: 'Z1yz', encoding: { content: ['pkcs8', 'sr25519'], type: ['scrypt', 'xsalsa20-poly1305'], version: '3' } });
    expect(() => keyMaterialFromKeyfileJson(keystore, '/w/coldkey')).toThrow(UnsupportedEncryptionError);
    expect(() => keyMaterialFromKeyfileJson(keystore, '/w/coldkey')).toThrow(/polkadot-js encrypted JSON/);
  });
});
