import { hexToU8a, stringToU8a, u8aToHex } from '@polkadot/util';
import { mnemonicToMiniSecret, signatureVerify } from '@polkadot/util-crypto';
import {
  generateMnemonic,
  InvalidKeyError,
  keyMaterialFromMnemonic,
  keyMaterialFromPrivateKey,
  keyMaterialFromSeed,
  keypairFromMnemonic,
  keypairFromUri,
  keyringPairFromMaterial,
  privateKeyToSecretKey,
  resolveKeypair,
  secretKeyToPrivateKey,
  ss58Address,
} from '../../../src/chain';

// Substrate's well-known development phrase and the published dev accounts derived from it
// (`subkey inspect`, polkadot.js `createTestPairs`).
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const DEV_ACCOUNTS: Array<[string, string]> = [
  ['//Alice', '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'],
  ['//Bob', '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'],
  ['//Alice//stash', '5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY'],
  ['//Bob//stash', '5HpG9w8EBLe5XCrbczpwq5TSXvedjrBGCwqxK1iQ7qUsSWFc'],
  [DEV_PHRASE, '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV'],
];

// btwallet's own test vectors (tests/test_keyfile.py): the mnemonic, its address and public
// key, the keyfile `privateKey` (schnorrkel canonical form), and hard/soft derivations.
const BT_MNEMONIC = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const BT_ADDRESS = '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX';
const BT_PUBLIC_KEY = '0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446';
const BT_PRIVATE_KEY =
  '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e';

describe('dev URIs', () => {
  it.each(DEV_ACCOUNTS)('%s is %s (sr25519, ss58 42)', (uri, address) => {
    const pair = keypairFromUri(uri);
    expect(pair.type).toBe('sr25519');
    expect(pair.address).toBe(address);
  });

  it('resolveKeypair takes a URI or a mnemonic', async () => {
    expect((await resolveKeypair({ uri: '//Alice' })).address).toBe(DEV_ACCOUNTS[0]![1]);
    expect((await resolveKeypair({ mnemonic: DEV_PHRASE })).address).toBe(DEV_ACCOUNTS[4]![1]);
  });

  it('rejects a malformed URI without repeating it', () => {
    const secretish = 'bottom drive obey lake curtain smoke basket hold race lonely fit fit';
    for (const uri of ['', 'Alice', secretish, `${secretish}//Alice`, '0xzz', '0x1234']) {
      let caught: unknown;
      try {
        keypairFromUri(uri);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidKeyError);
      expect((caught as Error).message).not.toContain('lonely');
    }
  });
});

describe('mnemonics, as Bittensor derives them', () => {
  it('gives btwallet\'s address, public key and secretSeed', () => {
    const material = keyMaterialFromMnemonic(BT_MNEMONIC);
    expect(ss58Address(material.publicKey)).toBe(BT_ADDRESS);
    expect(u8aToHex(material.publicKey)).toBe(BT_PUBLIC_KEY);
    expect(material.seed).toEqual(mnemonicToMiniSecret(BT_MNEMONIC));
    expect(keypairFromMnemonic(BT_MNEMONIC).address).toBe(BT_ADDRESS);
    expect(keyMaterialFromSeed(material.seed!).publicKey).toEqual(material.publicKey);
  });

  it('gives btwallet\'s privateKey field (schnorrkel form), and converts it back', () => {
    const material = keyMaterialFromMnemonic(BT_MNEMONIC);
    expect(u8aToHex(secretKeyToPrivateKey(material.secretKey!))).toBe(BT_PRIVATE_KEY);
    expect(privateKeyToSecretKey(hexToU8a(BT_PRIVATE_KEY))).toEqual(material.secretKey);
  });

  it('loads a key from btwallet\'s privateKey that signs verifiably', () => {
    const material = keyMaterialFromPrivateKey(hexToU8a(BT_PRIVATE_KEY), hexToU8a(BT_PUBLIC_KEY));
    expect(material).not.toBeNull();
    const pair = keyringPairFromMaterial(material!);
    expect(pair.address).toBe(BT_ADDRESS);
    const message = stringToU8a('set_weights');
    expect(signatureVerify(message, pair.sign(message), BT_ADDRESS).isValid).toBe(true);
    // With the wrong public key the self-check refuses it.
    expect(keyMaterialFromPrivateKey(hexToU8a(BT_PRIVATE_KEY), keypairFromUri('//Alice').publicKey)).toBeNull();
  });

  it('takes a 0x seed URI, as btwallet\'s secretSeed', () => {
    expect(keypairFromUri('0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143').address).toBe(BT_ADDRESS);
  });

  it('matches btwallet\'s hard and soft derivations', () => {
    expect(keypairFromUri(`${BT_MNEMONIC}//Alice`).address).toBe('5FEiH8iuDUw271xbqWTWuB6WrDjv5dnCeDX1CyHubAniXDNN');
    expect(keypairFromUri(`${BT_MNEMONIC}/Alice`).address).toBe('5GNXbA46ma5dg19GXdiKi5JH3mnkZ8Yea3bBtZAvj7t99P9i');
  });

  it('tolerates extra whitespace, and rejects bad phrases without quoting them', () => {
    expect(keypairFromMnemonic(`  ${BT_MNEMONIC.split(' ').join('   ')}\n`).address).toBe(BT_ADDRESS);
    const bad = BT_MNEMONIC.replace('review', 'walk');
    expect(() => keyMaterialFromMnemonic(bad)).toThrow(InvalidKeyError);
    expect(() => keyMaterialFromMnemonic(bad)).toThrow(/not a valid BIP-39 mnemonic \(12 words/);
    expect(() => keyMaterialFromMnemonic(bad)).not.toThrow(/leopard/);
  });

  it('generates fresh 12-word mnemonics by default', () => {
    const a = generateMnemonic();
    expect(a.split(' ')).toHaveLength(12);
    expect(generateMnemonic(24).split(' ')).toHaveLength(24);
    expect(generateMnemonic()).not.toBe(a);
    expect(keyMaterialFromMnemonic(a).mnemonic).toBe(a);
  });
});
