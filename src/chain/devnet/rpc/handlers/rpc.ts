import { callMethod, type MethodEntries } from '../method';

/** `rpc_methods`: every served name, aliases and (un)subscribe names included, sorted. */
export function rpcMethods(otherNames: readonly string[]): MethodEntries {
  const methods = [...new Set([...otherNames, 'rpc_methods'])].sort();
  return [['rpc_methods', callMethod([], () => ({ version: 1, methods: [...methods] }))]];
}
