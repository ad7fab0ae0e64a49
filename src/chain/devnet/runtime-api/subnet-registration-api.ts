import type { RuntimeApiModule } from './runtime-api';
import { networkLockCost } from '../pallets/subtensor/network-lock';

/** What `register_network` would lock at this block. */
export const subnetRegistrationApi: RuntimeApiModule = {
  name: 'SubnetRegistrationRuntimeApi',
  methods: {
    get_network_registration_cost: (ctx) => networkLockCost(ctx.storage, ctx.blockNumber),
  },
};
