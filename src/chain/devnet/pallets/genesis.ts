import type { PalletRuntime } from '../runtime/call-context';
import { setFreeBalance } from '../runtime/accounts';

/** Genesis state of the frame pallets: funded accounts and the sudo key. */
export const frameGenesis: PalletRuntime = {
  name: 'Genesis',
  calls: {},
  buildGenesis: (ctx, config) => {
    for (const [who, free] of config.balances) setFreeBalance(ctx, who, free);
    ctx.storage.set('Sudo', 'Key', [], config.sudo);
  },
};
