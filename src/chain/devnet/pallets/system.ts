import { blake2AsHex } from '@polkadot/util-crypto';
import type { PalletRuntime } from '../runtime/call-context';
import { ensureSigned } from '../runtime/ensure-origin';

export const systemPallet: PalletRuntime = {
  name: 'System',
  calls: {
    remark: { handler: (ctx) => void ensureSigned(ctx) },
    remark_with_event: {
      handler: (ctx, args) => {
        const who = ensureSigned(ctx);
        ctx.emit('System', 'Remarked', [who, blake2AsHex(args.remark!.toU8a(true), 256)]);
      },
    },
  },
};
