import type { RuntimeApiModule } from './runtime-api';

export const neuronInfoApi: RuntimeApiModule = { name: 'NeuronInfoRuntimeApi', methods: {} };
