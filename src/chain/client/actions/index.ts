/** One typed function per subtensor operation (viem style: `op(client, parameters)`). */
export { type OperationOptions } from './shared';
export * from './register-subnet';
export * from './burned-register';
export * from './serve-axon';
export * from './add-stake';
export * from './remove-stake';
export * from './get-stake';
export * from './start-call';
export * from './set-weights';
export * from './commit-weights';
export * from './reveal-weights';
export * from './commit-timelocked-weights';
export * from './set-commitment';
export * from './get-commitment';
export * from './add-stake-burn';
export * from './burn-alpha';
export * from './set-hyperparameter';
export * from './get-hyperparameters';
