/** Who a call is dispatched as: a signed account (SS58, prefix 42), root (through Sudo), or nobody (inherents). */
export type Origin = { readonly kind: 'signed'; readonly who: string } | { readonly kind: 'root' } | { readonly kind: 'none' };

export const ROOT: Origin = { kind: 'root' };
export const NONE: Origin = { kind: 'none' };

export function signed(who: string): Origin {
  return { kind: 'signed', who };
}
