import type { CallArgs, CallContext, PalletRuntime } from '../../runtime/call-context';
import { ensureRoot, ensureSigned } from '../../runtime/ensure-origin';
import { accountOfAddress } from '../../runtime/multi-address';
import { credit, debit, EXISTENTIAL_DEPOSIT, readAccount, setFreeBalance } from '../../runtime/accounts';

export * from '../../runtime/accounts';

function transfer(ctx: CallContext, args: CallArgs, keepAlive: boolean): void {
  const from = ensureSigned(ctx);
  const to = accountOfAddress(args.dest!);
  const value = BigInt(args.value!.toString());
  moveBalance(ctx, from, to, value, keepAlive);
}

/** Moves free balance between accounts, emitting `Balances.Transfer`. */
export function moveBalance(ctx: CallContext, from: string, to: string, value: bigint, keepAlive: boolean): void {
  if (from === to || value === 0n) {
    ctx.emit('Balances', 'Transfer', [from, to, value]);
    return;
  }
  debit(ctx, from, value, keepAlive);
  credit(ctx, to, value);
  ctx.emit('Balances', 'Transfer', [from, to, value]);
}

export const balancesPallet: PalletRuntime = {
  name: 'Balances',
  calls: {
    transfer_allow_death: { handler: (ctx, args) => transfer(ctx, args, false) },
    transfer_keep_alive: { handler: (ctx, args) => transfer(ctx, args, true) },
    transfer_all: {
      handler: (ctx, args) => {
        const from = ensureSigned(ctx);
        const keepAlive = args.keep_alive!.toJSON() === true;
        const free = readAccount(ctx.storage, from).free;
        const value = keepAlive ? (free > EXISTENTIAL_DEPOSIT ? free - EXISTENTIAL_DEPOSIT : 0n) : free;
        moveBalance(ctx, from, accountOfAddress(args.dest!), value, keepAlive);
      },
    },
    force_set_balance: {
      handler: (ctx, args) => {
        ensureRoot(ctx);
        const who = accountOfAddress(args.who!);
        const free = BigInt(args.new_free!.toString());
        setFreeBalance(ctx, who, free);
        ctx.emit('Balances', 'BalanceSet', [who, free]);
      },
    },
  },
};
