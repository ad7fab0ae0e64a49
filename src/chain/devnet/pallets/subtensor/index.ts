import type { CallDefinition, PalletRuntime, RuntimeContext } from '../../runtime/call-context';
import type { GenesisConfig } from '../../runtime/genesis-config';

/**
 * SubtensorModule: each area of subtensor's pallet lives in its own module and
 * contributes calls, genesis state and block hooks here.
 */
export interface SubtensorArea {
  readonly calls?: Readonly<Record<string, CallDefinition>>;
  buildGenesis?(ctx: RuntimeContext, config: GenesisConfig): void;
  onInitialize?(ctx: RuntimeContext): void;
}

export function subtensorPallet(areas: readonly SubtensorArea[]): PalletRuntime {
  const calls: Record<string, CallDefinition> = {};
  for (const a of areas) {
    for (const [name, def] of Object.entries(a.calls ?? {})) {
      if (calls[name]) throw new Error(`SubtensorModule.${name} is implemented twice`);
      calls[name] = def;
    }
  }
  return {
    name: 'SubtensorModule',
    calls,
    buildGenesis: (ctx, config) => areas.forEach((a) => a.buildGenesis?.(ctx, config)),
    onInitialize: (ctx) => areas.forEach((a) => a.onInitialize?.(ctx)),
  };
}
