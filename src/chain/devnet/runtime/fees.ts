import type { RuntimeContext } from './call-context';
import { adjustIssuance, debit } from './accounts';

/**
 * The dev chain's fee model, in rao: a flat base plus a per-byte charge. Subtensor charges
 * by weight; the dev chain keeps fees small, predictable and visible in events.
 */
export const BASE_FEE = 100_000n;
export const BYTE_FEE = 1_000n;

export function feeOf(encodedLength: number): bigint {
  return BASE_FEE + BYTE_FEE * BigInt(encodedLength);
}

/** Withdraws and burns a fee; the account may be reaped by it, as on Substrate. */
export function chargeFee(ctx: RuntimeContext, who: string, fee: bigint): void {
  if (fee === 0n) return;
  const dust = debit(ctx, who, fee, false);
  ctx.emit('Balances', 'Withdraw', [who, fee]);
  adjustIssuance(ctx.storage, -(fee + dust));
}
