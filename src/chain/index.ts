/** The chain side of pog-subnet: keys and Bittensor wallets, subtensor's weight conventions, and the chain client. */
export * from './keys';
export * from './weights';
export * from './client';
export * as timelock from './timelock';
