import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic, SubmittableExtrinsicFunction } from '@polkadot/api/types';
import { UnsupportedByNodeError } from './errors';

/** snake_case → camelCase, as polkadot-js names pallets, calls and storage. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const normal = (name: string) => name.replace(/_/g, '').toLowerCase();

/** The node's call `section.method` (camelCase or snake_case), or undefined when it has none. */
export function findCall(api: ApiPromise, section: string, method: string): SubmittableExtrinsicFunction<'promise'> | undefined {
  return (api.tx as unknown as Record<string, Record<string, SubmittableExtrinsicFunction<'promise'>> | undefined>)[camelCase(section)]?.[camelCase(method)];
}

export function hasCall(api: ApiPromise, section: string, method: string): boolean {
  return findCall(api, section, method) !== undefined;
}

/** The call's argument names and types as the node's metadata declares them. */
export function callArgs(api: ApiPromise, section: string, method: string): { name: string; type: string }[] {
  const fn = findCall(api, section, method);
  return fn ? fn.meta.args.map((a) => ({ name: a.name.toString(), type: a.type.toString() })) : [];
}

/** Arguments a newer or older runtime may add that have an obvious neutral value. */
const NEUTRAL: Readonly<Record<string, unknown>> = { mechid: 0, mecid: 0, mechanismid: 0, mechanism: 0, identity: null };

/**
 * Builds `section.method` from the node's metadata with arguments by name (snake_case or
 * camelCase), so the same code works across runtimes that add, drop or reorder arguments:
 * arguments the node does not take are ignored, and ones the caller did not give are filled
 * with `None` for options and 0 for mechanism ids. Anything else missing is an
 * {@link UnsupportedByNodeError} naming it.
 *
 * @example buildCall(api, 'subtensorModule', 'register_network', { hotkey })
 */
export function buildCall(api: ApiPromise, section: string, method: string, args: Readonly<Record<string, unknown>>): SubmittableExtrinsic<'promise'> {
  const fn = findCall(api, section, method);
  if (!fn) throw new UnsupportedByNodeError(`the connected node has no ${camelCase(section)}.${camelCase(method)} call`);
  const given = new Map(Object.entries(args).map(([k, v]) => [normal(k), v]));
  const values = fn.meta.args.map((arg) => {
    const name = arg.name.toString();
    const type = arg.type.toString();
    const key = normal(name);
    if (given.has(key)) return given.get(key);
    if (type.startsWith('Option<')) return null;
    if (key in NEUTRAL) return NEUTRAL[key];
    throw new UnsupportedByNodeError(`${camelCase(section)}.${camelCase(method)} on the connected node takes ${name}: ${type}, which pog does not fill in`);
  });
  return fn(...values);
}
