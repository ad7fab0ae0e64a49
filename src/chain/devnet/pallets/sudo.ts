import type { Call } from '@polkadot/types/interfaces';
import type { CallContext, PalletRuntime } from '../runtime/call-context';
import { ensureSigned } from '../runtime/ensure-origin';
import { accountOfAddress } from '../runtime/multi-address';
import { ROOT } from '../runtime/origin';

function ensureSudo(ctx: CallContext): string {
  const who = ensureSigned(ctx);
  const key = ctx.storage.get('Sudo', 'Key');
  if (key === null || key.toString() !== who) throw ctx.error('Sudo', 'RequireSudo');
  return who;
}

export const sudoPallet: PalletRuntime = {
  name: 'Sudo',
  calls: {
    sudo: {
      // pallet_sudo refunds the fee of a successful sudo call (Pays::No).
      paysFee: false,
      handler: (ctx, args) => {
        ensureSudo(ctx);
        const result = ctx.dispatch(args.call as unknown as Call, ROOT);
        ctx.emit('Sudo', 'Sudid', [result.ok ? { Ok: null } : { Err: result.error }]);
      },
    },
    set_key: {
      paysFee: false,
      handler: (ctx, args) => {
        const old = ensureSudo(ctx);
        const next = accountOfAddress(args.new!);
        ctx.storage.set('Sudo', 'Key', [], next);
        ctx.emit('Sudo', 'KeyChanged', [old, next]);
      },
    },
  },
};
