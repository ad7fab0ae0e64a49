import { isReady, sr25519Verify } from '@polkadot/wasm-crypto';
import { decodeAddress, signatureVerify } from '@polkadot/util-crypto';

/**
 * Verifies a `MultiSignature` (type byte + signature) over `message` by `address`.
 * sr25519 (what every Bittensor key is) goes through the wasm verifier, several times
 * faster than @polkadot/util-crypto's pure-JS path; other schemes take that path.
 */
export function verifyMultiSignature(message: Uint8Array, multiSignature: Uint8Array, address: string): boolean {
  try {
    if (multiSignature.length === 65 && multiSignature[0] === 1 && isReady()) {
      return sr25519Verify(multiSignature.subarray(1), message, decodeAddress(address));
    }
    return signatureVerify(message, multiSignature, address).isValid;
  } catch {
    return false;
  }
}
