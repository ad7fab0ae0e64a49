import type { DevnetMetadata } from './metadata/build-metadata';
import type { PalletRuntime } from './runtime/call-context';
import { assembleRuntime, type DevnetRuntime } from './runtime/runtime-parts';
import { systemPallet } from './pallets/system';
import { timestampPallet } from './pallets/timestamp';
import { balancesPallet } from './pallets/balances';
import { sudoPallet } from './pallets/sudo';
import { frameGenesis } from './pallets/genesis';
import { subtensorPallet } from './pallets/subtensor';
import { SUBTENSOR_AREAS } from './pallets/subtensor/areas';
import { commitmentsPallet } from './pallets/commitments';
import { adminUtilsPallet } from './pallets/admin-utils';
import { drandPallet } from './pallets/drand';
import { accountNonceApi, coreApi, metadataApi, transactionPaymentApi } from './runtime-api/core-apis';
import { SUBTENSOR_RUNTIME_APIS } from './runtime-api/subtensor-apis';

/** The pallets in subtensor's runtime order (genesis of the frame pallets first). */
export function devnetPallets(): PalletRuntime[] {
  return [
    frameGenesis,
    systemPallet,
    timestampPallet,
    balancesPallet,
    { name: 'TransactionPayment', calls: {} },
    subtensorPallet(SUBTENSOR_AREAS),
    sudoPallet,
    commitmentsPallet,
    adminUtilsPallet,
    drandPallet,
  ];
}

export function devnetRuntime(md: DevnetMetadata, options: { allowMissing?: boolean } = {}): DevnetRuntime {
  return assembleRuntime(
    md,
    devnetPallets(),
    [coreApi, metadataApi, accountNonceApi, transactionPaymentApi, ...SUBTENSOR_RUNTIME_APIS],
    options,
  );
}
