import type { RuntimeApiModule } from './runtime-api';
import { neuronInfoApi } from './neuron-info-api';
import { subnetInfoApi } from './metagraph-api';
import { subnetRegistrationApi } from './subnet-registration-api';

/** Subtensor's runtime APIs answered by the dev chain. */
export const SUBTENSOR_RUNTIME_APIS: readonly RuntimeApiModule[] = [neuronInfoApi, subnetInfoApi, subnetRegistrationApi];
