import { hasCall } from '../calls';
import type { ChainClient } from '../client';
import { HYPERPARAMETERS, type HyperparameterSpec } from '../hyperparameters';
import { atHead, findStorage, readMulti, type StorageRead } from '../storage';
import { checkNetuid } from './shared';
import type { HyperparameterValue } from './set-hyperparameter';

export interface GetHyperparametersParameters {
  readonly netuid: number;
}

export interface HyperparameterReading {
  readonly name: string;
  readonly value: HyperparameterValue;
  readonly scope: HyperparameterSpec['scope'];
  /** Only sudo may set it (otherwise the subnet owner may too). */
  readonly rootOnly: boolean;
  /** Whether this node has the AdminUtils setter. */
  readonly settable: boolean;
}

export interface GetHyperparametersReturnType {
  readonly netuid: number;
  readonly block: number;
  readonly exists: boolean;
  readonly hyperparameters: readonly HyperparameterReading[];
}

export type GetHyperparametersErrorType = never;

/** Every known hyperparameter the node stores, for the subnet, read in one batch at the best block. */
export async function getHyperparameters(client: ChainClient, parameters: GetHyperparametersParameters): Promise<GetHyperparametersReturnType> {
  const netuid = checkNetuid(parameters.netuid);
  const { number, at } = await atHead(client.api);
  const present = HYPERPARAMETERS.flatMap((spec) => {
    const entry = findStorage(at, 'subtensorModule', spec.storage);
    return entry ? [{ spec, entry }] : [];
  });
  const exists = findStorage(at, 'subtensorModule', 'NetworksAdded');
  const reads: StorageRead[] = present.map(({ spec, entry }) => (spec.scope === 'subnet' ? [entry, netuid] : [entry]));
  if (exists) reads.push([exists, netuid]);
  const values = await readMulti(at, reads);
  return {
    netuid,
    block: number,
    exists: exists ? values[values.length - 1]!.toJSON() === true : true,
    hyperparameters: present.map(({ spec }, i) => {
      const json = values[i]!.toJSON();
      return {
        name: spec.name,
        value: typeof json === 'boolean' ? json : BigInt(values[i]!.toString()),
        scope: spec.scope,
        rootOnly: spec.rootOnly,
        settable: hasCall(client.api, 'adminUtils', spec.call),
      };
    }),
  };
}
