import type { KeyringPair } from '@polkadot/keyring/types';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { TestChain, TxResult } from '../../../support/test-chain';

/** 1 TAO in rao. */
export const TAO = 1_000_000_000n;

/** The `Pallet.Error` (or DispatchError kind) of the call a `sudo.sudo` ran, or 'Ok'. */
export function sudoOutcome(chain: TestChain, r: TxResult): string {
  const sudid = r.events.find((e) => e.section === 'sudo' && e.method === 'Sudid');
  if (!sudid) throw new Error(`no Sudid event (${r.error ?? 'ok'})`);
  const result = sudid.data[0] as { ok?: null; err?: Record<string, { index: number; error: string }> };
  if (!result.err) return 'Ok';
  const kind = Object.keys(result.err)[0]!;
  if (kind !== 'module') return kind.charAt(0).toUpperCase() + kind.slice(1);
  const m = result.err.module!;
  const meta = chain.node.md.registry.findMetaError(new Uint8Array([m.index, hexToU8a(m.error)[0]!]));
  return `${meta.section}.${meta.name}`;
}

/** Runs a runtime API through `state_call` encoding and decoding by the metadata's types. */
export function runtimeApi(chain: TestChain, api: string, method: string, ...args: unknown[]): Codec {
  const md = chain.node.md;
  const def = md.json.apis.find((a) => a.name === api)?.methods.find((m) => m.name === method);
  if (!def) throw new Error(`${api}.${method} is not in the metadata`);
  const input = def.inputs.map((inp, i) => md.registry.createType(md.registry.createLookupType(inp.type), args[i]).toU8a());
  const bytes = new Uint8Array(input.reduce((n, b) => n + b.length, 0));
  input.reduce((offset, b) => (bytes.set(b, offset), offset + b.length), 0);
  const out = chain.node.call(`${api}_${method}`, u8aToHex(bytes) as never);
  return md.registry.createType(md.registry.createLookupType(def.output), hexToU8a(out));
}

export function free(chain: TestChain, who: string): bigint {
  return BigInt((chain.read('System', 'Account', [who]) as { data: { free: number | string } }).data.free);
}

/** The fee the extrinsic paid, from `TransactionFeePaid` (0 for Pays::No calls). */
export function feePaid(r: TxResult): bigint {
  const e = r.events.find((x) => x.section === 'transactionPayment' && x.method === 'TransactionFeePaid');
  return e ? BigInt(e.data[1] as number) : 0n;
}

export function eventNames(r: TxResult): string[] {
  return r.events.map((e) => `${e.section}.${e.method}`);
}

/** A fresh account funded by //Alice. */
export async function funded(chain: TestChain, uri: string, amount: bigint): Promise<KeyringPair> {
  const pair = chain.keyring.addFromUri(uri);
  const r = await chain.submit(chain.keys.alice, chain.call('balances', 'transferKeepAlive', pair.address, amount));
  if (!r.ok) throw new Error(`funding ${uri} failed: ${r.error}`);
  return pair;
}

/** Closes the admin freeze window (default 10 blocks of a tempo-10 subnet) so setters can run at any block. */
export async function openAdminWindow(chain: TestChain): Promise<void> {
  const r = await chain.sudo(chain.call('adminUtils', 'sudoSetAdminFreezeWindow', 0));
  if (sudoOutcome(chain, r) !== 'Ok') throw new Error('could not open the admin window');
}

/** Builds empty blocks until the next block to be built is `block`. */
export function advanceTo(chain: TestChain, block: number): void {
  while (chain.node.headNumber + 1 < block) chain.node.produceBlock();
}

/** Whether a SubtensorModule entry is in state at the head (not just its default). */
export function stored(chain: TestChain, item: string, keys: unknown[]): boolean {
  return chain.node.storageAt(chain.node.headNumber).has('SubtensorModule', item, keys);
}

/** Lets subnets be registered back to back (the dev chain starts with subtensor's 7200-block NetworkRateLimit). */
export async function allowManySubnets(chain: TestChain): Promise<void> {
  const r = await chain.sudo(chain.call('adminUtils', 'sudoSetNetworkRateLimit', 0));
  if (sudoOutcome(chain, r) !== 'Ok') throw new Error('could not lower the network rate limit');
}
