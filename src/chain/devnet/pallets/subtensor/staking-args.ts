import type { CallArgs } from '../../runtime/call-context';

/** Staking call arguments (AccountId, u16, u64, Option<u64>) as plain values. */
export function accountArg(arg: CallArgs[string] | undefined): string {
  return arg!.toString();
}

export function netuidArg(arg: CallArgs[string] | undefined): number {
  return Number(arg!.toString());
}

export function amountArg(arg: CallArgs[string] | undefined): bigint {
  return BigInt(arg!.toString());
}

/** An `Option<u64>`: null for None. */
export function optionalAmountArg(arg: CallArgs[string] | undefined): bigint | null {
  const option = arg as unknown as { isSome: boolean; unwrap(): { toString(): string } };
  return option.isSome ? BigInt(option.unwrap().toString()) : null;
}
