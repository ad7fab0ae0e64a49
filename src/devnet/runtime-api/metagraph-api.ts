import type { RuntimeApiModule } from './runtime-api';

export const subnetInfoApi: RuntimeApiModule = { name: 'SubnetInfoRuntimeApi', methods: {} };
