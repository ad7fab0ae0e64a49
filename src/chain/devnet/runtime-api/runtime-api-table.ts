import type { Codec } from '@polkadot/types/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { DevnetMetadata } from '../metadata/build-metadata';
import type { Hex } from '../rpc/backend';
import { RpcError } from '../rpc/rpc-error';
import type { RuntimeApiContext, RuntimeApiMethod, RuntimeApiModule } from './runtime-api';

interface Entry {
  readonly method: RuntimeApiMethod;
  readonly inputTypes: readonly string[];
  readonly outputType: string;
}

/**
 * `state_call` dispatch: `<Api>_<method>` → implementation, with inputs decoded and the
 * output encoded by the metadata's types. Checks at start-up that the metadata and the
 * implementations list the same methods.
 */
export class RuntimeApiTable {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly md: DevnetMetadata,
    modules: readonly RuntimeApiModule[],
    options: { allowMissing?: boolean } = {},
  ) {
    const problems: string[] = [];
    for (const api of md.json.apis) {
      const mod = modules.find((m) => m.name === api.name);
      for (const m of api.methods) {
        const impl = mod?.methods[m.name];
        if (!impl) {
          if (!options.allowMissing) problems.push(`${api.name}.${m.name} is in the metadata but not implemented`);
          continue;
        }
        this.entries.set(`${api.name}_${m.name}`, {
          method: impl,
          inputTypes: m.inputs.map((i) => md.registry.createLookupType(i.type)),
          outputType: md.registry.createLookupType(m.output),
        });
      }
    }
    for (const mod of modules) {
      for (const name of Object.keys(mod.methods)) {
        if (!this.entries.has(`${mod.name}_${name}`)) problems.push(`${mod.name}.${name} is implemented but not in the metadata`);
      }
    }
    if (problems.length) throw new Error(`dev chain runtime APIs and metadata disagree:\n  ${problems.join('\n  ')}`);
  }

  call(ctx: RuntimeApiContext, name: string, data: Hex): Hex {
    const entry = this.entries.get(name);
    // Substrate answers an unknown runtime function with a runtime-execution error.
    if (!entry) throw new RpcError(4003, 'Client error: Execution failed: Other error happened while constructing the runtime', `Exported method ${name} is not found`);
    const bytes = hexToU8a(data);
    const inputs: Codec[] = [];
    let offset = 0;
    try {
      for (const type of entry.inputTypes) {
        const value = this.md.registry.createType(type, bytes.subarray(offset));
        offset += value.encodedLength;
        inputs.push(value);
      }
      if (offset !== bytes.length) throw new Error(`${bytes.length - offset} trailing bytes`);
    } catch (e) {
      throw new RpcError(4003, 'Client error: Execution failed: Runtime panicked', `Bad input data provided to ${name}: ${(e as Error).message}`);
    }
    const output = entry.method(ctx, inputs);
    return u8aToHex(this.md.registry.createType(entry.outputType, output).toU8a()) as Hex;
  }
}
