import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { ChainError, InvalidChainInputError } from '../errors';
import { eventsOf, type ChainEvent, type SubmitResult } from '../inclusion';
import type { SubmitOptions } from '../submit';

/** What every operation takes besides its own parameters: how long and for what to wait. */
export type OperationOptions = SubmitOptions;

export function submitOptions(options: OperationOptions): SubmitOptions {
  return { waitFor: options.waitFor, timeoutMs: options.timeoutMs };
}

/** An SS58 address (or 0x public key) in the chain's format (prefix 42). */
export function checkAddress(label: string, address: string): string {
  try {
    return encodeAddress(decodeAddress(address), 42);
  } catch {
    throw new InvalidChainInputError(`${label} "${address}" is not an SS58 address or 32-byte public key`);
  }
}

export function checkUint(label: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new InvalidChainInputError(`${label} must be a whole number from 0 to ${max}, got ${value}`);
  return value;
}

export const checkNetuid = (netuid: number) => checkUint('netuid', netuid, 0xffff);

/** A u64 amount in rao, more than zero. */
export function checkAmount(label: string, amount: bigint): bigint {
  if (typeof amount !== 'bigint' || amount <= 0n || amount >= 1n << 64n) throw new InvalidChainInputError(`${label} must be a positive amount of rao below 2^64, got ${String(amount)}`);
  return amount;
}

/** The first `section.method` event of a result; a ChainError when the call emitted none. */
export function requireEvent(result: SubmitResult, section: string, method: string): ChainEvent {
  const event = eventsOf(result, section, method)[0];
  if (!event) throw new ChainError(`${result.call} succeeded in block #${result.blockNumber} but emitted no ${section}.${method} event`);
  return event;
}
