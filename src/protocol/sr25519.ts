import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { signSr25519, verifySr25519 } from '../chain/keys';

const utf8 = new TextEncoder();

/**
 * Loads the wasm sr25519 signer and verifier (several times faster than the pure-JS ones used
 * until it is ready). Optional: signing and verification are correct either way.
 */
export async function protocolCryptoReady(): Promise<void> {
  await cryptoWaitReady();
}

/** `0x` + hex of the raw 64-byte sr25519 signature over the UTF-8 bytes of `message`. */
export function signMessage(signer: KeyringPair, message: string): string {
  return u8aToHex(signSr25519(signer, utf8.encode(message)));
}

/** Whether `signature` (64 bytes) is `publicKey`'s sr25519 signature over the UTF-8 bytes of `message`. */
export function verifyMessage(message: string, signature: Uint8Array, publicKey: Uint8Array): boolean {
  return verifySr25519(utf8.encode(message), signature, publicKey);
}
