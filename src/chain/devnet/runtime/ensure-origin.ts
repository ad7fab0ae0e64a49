import type { CallContext } from './call-context';
import { DispatchFailure } from './dispatch-error';

/** The signing account, or `BadOrigin`. */
export function ensureSigned(ctx: CallContext): string {
  if (ctx.origin.kind !== 'signed') throw new DispatchFailure('BadOrigin', 'BadOrigin');
  return ctx.origin.who;
}

export function ensureRoot(ctx: CallContext): void {
  if (ctx.origin.kind !== 'root') throw new DispatchFailure('BadOrigin', 'BadOrigin');
}

export function ensureNone(ctx: CallContext): void {
  if (ctx.origin.kind !== 'none') throw new DispatchFailure('BadOrigin', 'BadOrigin');
}
