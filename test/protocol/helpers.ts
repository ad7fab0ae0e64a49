import { keypairFromUri } from '../../src/chain/keys';

export const validator = keypairFromUri('//Alice');
export const miner = keypairFromUri('//Bob');
export const stranger = keypairFromUri('//Charlie');

export const NOW = 1_750_000_000_000;
export const UUID = '0b8f3a52-8c1e-4c7a-9a53-2f1d6e0c9b41';
export const UUID_V7 = '01890a5d-ac96-774b-bcce-b302099a8057';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The error `fn` throws (fails the test when it throws nothing). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** The error `promise` rejects with (fails the test when it resolves). */
export async function rejected(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
