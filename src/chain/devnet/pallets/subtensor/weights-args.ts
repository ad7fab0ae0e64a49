import type { CallArgs } from '../../runtime/call-context';

/** A `Vec<u16>` call argument as numbers. */
export function u16List(arg: CallArgs[string] | undefined): number[] {
  return (arg!.toJSON() as number[]).map(Number);
}

export function u16Arg(arg: CallArgs[string] | undefined): number {
  return Number(arg!.toString());
}

export function u64Arg(arg: CallArgs[string] | undefined): bigint {
  return BigInt(arg!.toString());
}
