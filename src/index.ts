/** pog-subnet's library surface: the PoG core, configuration and logging. */
export * from './pog';
export * from './config';
export * from './logging';
