import type { PalletRuntime } from '../runtime/call-context';

export const commitmentsPallet: PalletRuntime = { name: 'Commitments', calls: {} };
