import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, sr25519Verify } from '@polkadot/util-crypto';
import { keyMaterialFromMnemonic, keypairFromUri, keyringPairFromMaterial, signSr25519, verifySr25519 } from '../../../src/chain/keys';

const message = new TextEncoder().encode('pog-subnet signing test');
const MNEMONIC = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

beforeAll(() => cryptoWaitReady());

describe('signSr25519 (wasm)', () => {
  test.each([
    ['a dev URI with a hard derivation', () => keypairFromUri('//Bench//miner-1')],
    ['a soft-derived URI', () => keypairFromUri(`${MNEMONIC}/soft`)],
    ['key material from a mnemonic (btcli derivation)', () => keyringPairFromMaterial(keyMaterialFromMnemonic(MNEMONIC))],
  ])('signatures of %s verify with the pure-JS and the wasm verifier, and only for that key and message', (_name, make) => {
    const pair = make();
    const signature = signSr25519(pair, message);
    expect(signature).toHaveLength(64);
    expect(sr25519Verify(message, signature, pair.publicKey)).toBe(true);
    expect(verifySr25519(message, signature, pair.publicKey)).toBe(true);
    expect(verifySr25519(new TextEncoder().encode('another message'), signature, pair.publicKey)).toBe(false);
    expect(verifySr25519(message, signature, keypairFromUri('//Someone').publicKey)).toBe(false);
    // the second signature (cached secret) is as good as the first
    expect(sr25519Verify(message, signSr25519(pair, message), pair.publicKey)).toBe(true);
  });

  test('a locked pair refuses to sign, also after it has signed once', () => {
    const pair = keypairFromUri('//Locked');
    signSr25519(pair, message);
    pair.lock();
    expect(() => signSr25519(pair, message)).toThrow(/locked/);
  });

  test('a key of another type is refused', () => {
    const ed = new Keyring({ type: 'ed25519' }).addFromUri('//Alice');
    expect(() => signSr25519(ed, message)).toThrow(TypeError);
  });
});
