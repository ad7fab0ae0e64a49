import type { PalletRuntime } from '../runtime/call-context';
import { ensureNone } from '../runtime/ensure-origin';

/** `Timestamp.set`, the inherent every block starts with. */
export const timestampPallet: PalletRuntime = {
  name: 'Timestamp',
  calls: {
    set: {
      paysFee: false,
      handler: (ctx, args) => {
        ensureNone(ctx);
        ctx.storage.set('Timestamp', 'Now', [], BigInt(args.now!.toString()));
      },
    },
  },
};
