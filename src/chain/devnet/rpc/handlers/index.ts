import type { MethodDef, MethodEntries } from '../method';
import { authorMethods } from './author';
import { chainMethods } from './chain';
import { devMethods } from './dev';
import { rpcMethods } from './rpc';
import { stateMethods } from './state';
import { systemMethods } from './system';

export type MethodTable = ReadonlyMap<string, MethodDef>;

/** Every method the dev chain serves, by name (aliases are entries of their own). */
export function buildMethodTable(): MethodTable {
  const table = new Map<string, MethodDef>();
  const add = (entries: MethodEntries): void => {
    for (const [name, def] of entries) {
      if (table.has(name)) throw new Error(`RPC method ${name} is defined twice`);
      table.set(name, def);
    }
  };
  add([...chainMethods, ...stateMethods, ...authorMethods, ...systemMethods, ...devMethods]);
  add(rpcMethods([...table.keys()]));
  return table;
}
