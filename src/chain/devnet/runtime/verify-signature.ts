import { decodeAddress, signatureVerify } from '@polkadot/util-crypto';
import { verifySr25519 } from '../../keys';

/**
 * Verifies a `MultiSignature` (type byte + signature) over `message` by `address`.
 * sr25519 (what every Bittensor key is) goes through `verifySr25519` (wasm once loaded);
 * other schemes through @polkadot/util-crypto's `signatureVerify`.
 */
export function verifyMultiSignature(message: Uint8Array, multiSignature: Uint8Array, address: string): boolean {
  try {
    if (multiSignature.length === 65 && multiSignature[0] === 1) {
      return verifySr25519(message, multiSignature.subarray(1), decodeAddress(address));
    }
    return signatureVerify(message, multiSignature, address).isValid;
  } catch {
    return false;
  }
}
