/** pog-subnet's library surface: the PoG core, keys, the economy, configuration and logging. */
export * from './pog';
export * from './chain';
export * from './economy';
export * from './config';
export * from './logging';
