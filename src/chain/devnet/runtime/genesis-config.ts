import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** What the dev chain starts with: funded accounts and the sudo key. */
export interface GenesisConfig {
  /** SS58 address → free balance in rao. */
  readonly balances: ReadonlyArray<readonly [string, bigint]>;
  readonly sudo: string;
}

/** 1 TAO in rao. */
export const TAO = 1_000_000_000n;

/**
 * Subtensor's localnet genesis: //Alice is sudo; //Alice, //Bob and //Charlie hold
 * 1,000,000 TAO, //Dave, //Eve and //Ferdie 2,000 TAO.
 */
export async function devGenesisConfig(): Promise<GenesisConfig> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const address = (name: string) => keyring.addFromUri(`//${name}`).address;
  return {
    sudo: address('Alice'),
    balances: [
      ...['Alice', 'Bob', 'Charlie'].map((n) => [address(n), 1_000_000n * TAO] as const),
      ...['Dave', 'Eve', 'Ferdie'].map((n) => [address(n), 2_000n * TAO] as const),
    ],
  };
}
