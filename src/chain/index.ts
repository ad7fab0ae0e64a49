/** The chain side of pog-subnet. So far: keys and Bittensor wallets (the chain client comes with issue 4's other half). */
export * from './keys';
export * from './weights';
