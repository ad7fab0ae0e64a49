import { sr25519Verify as sr25519VerifyJs } from '@polkadot/util-crypto';
import { isReady as wasmIsReady, sr25519Verify as sr25519VerifyWasm } from '@polkadot/wasm-crypto';

/**
 * Whether `signature` (64 bytes) is `publicKey`'s sr25519 signature over `message`.
 * Uses the wasm verifier once `cryptoWaitReady()` has loaded it (several times faster than
 * @polkadot/util-crypto 14's pure-JS path, which is used until then). Malformed input is
 * `false`, never an exception.
 */
export function verifySr25519(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return wasmIsReady() ? sr25519VerifyWasm(signature, message, publicKey) : sr25519VerifyJs(message, signature, publicKey);
  } catch {
    return false;
  }
}
