import type { PalletRuntime } from '../runtime/call-context';

export const adminUtilsPallet: PalletRuntime = { name: 'AdminUtils', calls: {} };
