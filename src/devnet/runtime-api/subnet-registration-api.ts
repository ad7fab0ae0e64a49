import type { RuntimeApiModule } from './runtime-api';

export const subnetRegistrationApi: RuntimeApiModule = { name: 'SubnetRegistrationRuntimeApi', methods: {} };
