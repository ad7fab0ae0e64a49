import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import type { Vec } from '@polkadot/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { DevnetNode } from '../../../../src/chain/devnet/node/devnet-node';
import { devGenesisConfig } from '../../../../src/chain/devnet/runtime/genesis-config';
import { inMemoryPersistence, type ChainPersistence } from '../../../../src/chain/devnet/node/chain-persistence';
import { devnetRuntime } from '../../../../src/chain/devnet/devnet-runtime';
import { localCalls } from '../../../../src/chain/devnet/local/local-calls';

/**
 * Drives the dev chain in-process for runtime unit tests: signs calls with dev keys, builds
 * a block per submission and decodes the block's events. (The plain-@polkadot/api tests
 * over the WebSocket live in test/devnet/api.)
 */
export interface TestChain {
  readonly node: DevnetNode;
  readonly keys: Record<'alice' | 'bob' | 'charlie' | 'dave' | 'eve' | 'ferdie', KeyringPair>;
  readonly keyring: Keyring;
  /** A call built as polkadot.js' `tx.<section>.<method>(...args)` against the dev chain's metadata. */
  call(section: string, method: string, ...args: unknown[]): unknown;
  /** Signs, submits and builds a block; returns the events of that extrinsic and its outcome. */
  submit(signer: KeyringPair, call: unknown): Promise<TxResult>;
  /** Wraps the call in `sudo.sudo` signed by //Alice. */
  sudo(call: unknown): Promise<TxResult>;
  /** Decoded storage value at the head. */
  read(pallet: string, item: string, keys?: unknown[]): unknown;
  close(): void;
}

export interface TxResult {
  readonly ok: boolean;
  /** `Pallet.ErrorName` or the DispatchError kind when the call failed. */
  readonly error?: string;
  readonly events: { section: string; method: string; data: unknown[] }[];
  readonly blockNumber: number;
}

export async function startTestChain(options: { allowMissing?: boolean; persistence?: ChainPersistence } = {}): Promise<TestChain> {
  await cryptoWaitReady();
  const genesis = await devGenesisConfig();
  const node = new DevnetNode({
    runtime: (md) => devnetRuntime(md, { allowMissing: options.allowMissing }),
    genesis,
    persistence: options.persistence ?? inMemoryPersistence(),
    blockTimeMs: 0,
    instant: false,
  });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const keys = {
    alice: keyring.addFromUri('//Alice'),
    bob: keyring.addFromUri('//Bob'),
    charlie: keyring.addFromUri('//Charlie'),
    dave: keyring.addFromUri('//Dave'),
    eve: keyring.addFromUri('//Eve'),
    ferdie: keyring.addFromUri('//Ferdie'),
  };
  const registry = node.md.registry;
  const local = localCalls(node);
  const call = local.call;

  const submit = async (signer: KeyringPair, callValue: unknown): Promise<TxResult> => {
    const hex = local.sign(signer, callValue);
    const hash = node.submitExtrinsic(hex);
    const block = node.produceBlock();
    const index = block.extrinsics.findIndex((x) => x === hex);
    if (index < 0) throw new Error(`extrinsic ${hash} was not included`);
    const raw = node.storage(node.storageAt(block.number).key('System', 'Events'))!;
    const records = registry.createType('Vec<EventRecord>', raw) as unknown as Vec<EventRecord>;
    const mine = records.filter((r) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === index);
    const events = mine.map((r) => ({ section: r.event.section, method: r.event.method, data: r.event.data.toJSON() as unknown[] }));
    const failed = mine.find((r) => r.event.section === 'system' && r.event.method === 'ExtrinsicFailed');
    let error: string | undefined;
    if (failed) {
      const dispatchError = failed.event.data[0] as unknown as { isModule: boolean; asModule: never; type: string };
      error = dispatchError.isModule ? (() => {
        const meta = registry.findMetaError(dispatchError.asModule);
        return `${meta.section}.${meta.name}`;
      })() : dispatchError.type;
    }
    return { ok: !failed, error, events, blockNumber: block.number };
  };

  return {
    node,
    keys,
    keyring,
    call,
    submit,
    sudo: (inner) => submit(keys.alice, call('sudo', 'sudo', inner)),
    read: (pallet, item, k = []) => node.storageAt(node.headNumber).get(pallet, item, k)?.toJSON() ?? null,
    close: () => node.close(),
  };
}
