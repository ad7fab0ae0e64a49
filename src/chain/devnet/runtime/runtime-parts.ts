import type { DevnetMetadata } from '../metadata/build-metadata';
import type { PalletRuntime } from './call-context';
import { CallTable } from './call-table';
import { ModuleErrors } from './module-errors';
import type { RuntimeParts } from './block-execution';
import { RuntimeApiTable } from '../runtime-api/runtime-api-table';
import type { RuntimeApiModule } from '../runtime-api/runtime-api';

export interface DevnetRuntime extends RuntimeParts {
  readonly apis: RuntimeApiTable;
}

/** Wires pallets and runtime APIs to the metadata, failing fast if they disagree. */
export function assembleRuntime(
  md: DevnetMetadata,
  pallets: readonly PalletRuntime[],
  apis: readonly RuntimeApiModule[],
  /** Only for unit tests of a partial runtime: calls without an implementation are tolerated. */
  options: { allowMissing?: boolean } = {},
): DevnetRuntime {
  return {
    md,
    pallets,
    calls: new CallTable(md, pallets, options),
    errors: new ModuleErrors(md),
    apis: new RuntimeApiTable(md, apis, options),
  };
}
