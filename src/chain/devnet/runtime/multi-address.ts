import type { Codec } from '@polkadot/types/types';
import { encodeAddress } from '@polkadot/util-crypto';
import { DispatchFailure } from './dispatch-error';

/** The SS58 account of a `MultiAddress::Id` (variant 0 + 32 bytes), or null for the other kinds. */
export function accountIdOf(address: Codec): string | null {
  const bytes = address.toU8a();
  if (bytes.length !== 33 || bytes[0] !== 0) return null;
  return encodeAddress(bytes.subarray(1), 42);
}

/** The account of a `MultiAddress` call argument; other address kinds cannot be looked up here (`CannotLookup`). */
export function accountOfAddress(address: Codec): string {
  const who = accountIdOf(address);
  if (who === null) throw new DispatchFailure('CannotLookup', 'CannotLookup');
  return who;
}
