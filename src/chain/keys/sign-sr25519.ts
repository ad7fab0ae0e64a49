import { decodePair } from '@polkadot/keyring/pair/decode';
import type { KeyringPair } from '@polkadot/keyring/types';
import { isReady as wasmIsReady, sr25519Sign as sr25519SignWasm } from '@polkadot/wasm-crypto';

/**
 * Each pair's 64-byte secret, taken once from its own unencrypted PKCS#8 export (a
 * KeyringPair keeps the secret private). Keyed weakly, so it lives exactly as long as the
 * pair, and never leaves this module.
 */
const secrets = new WeakMap<KeyringPair, Uint8Array>();

function secretOf(pair: KeyringPair): Uint8Array {
  let secret = secrets.get(pair);
  if (!secret) {
    secret = decodePair(undefined, pair.encodePkcs8(), []).secretKey.slice() // [] = not encrypted;
    secrets.set(pair, secret);
  }
  return secret;
}

/**
 * `pair`'s sr25519 signature over `message`, through the wasm signer once `cryptoWaitReady()`
 * has loaded it (@polkadot/util-crypto 14 signs in pure JS, several times slower) and through
 * `pair.sign` until then. Both make standard schnorrkel signatures (randomised, so not equal
 * byte for byte). A locked pair signs through `pair.sign`, which refuses.
 */
export function signSr25519(pair: KeyringPair, message: Uint8Array): Uint8Array {
  if (pair.type !== 'sr25519') throw new TypeError(`signing needs an sr25519 key, got ${pair.type}`);
  if (!wasmIsReady() || pair.isLocked) return pair.sign(message);
  return sr25519SignWasm(pair.publicKey, secretOf(pair), message);
}
