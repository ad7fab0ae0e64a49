/**
 * The dev chain's costs, each against a reference measured in the same run:
 *   1. an empty block vs encoding and hashing one header (the least a block can cost), and
 *      as a share of the default 1 s block time
 *   2. set_weights extrinsics per second (64 validators, 256 weights each, validated and
 *      included) vs balance transfers per second through the same path
 *   3. memory held by a subnet of 256 neurons with full weights vs the bytes of its state
 */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { performance } from 'node:perf_hooks';
import { DevnetNode } from '../../src/chain/devnet/node/devnet-node';
import { devGenesisConfig, TAO } from '../../src/chain/devnet/runtime/genesis-config';
import { inMemoryPersistence } from '../../src/chain/devnet/node/chain-persistence';
import { devnetRuntime } from '../../src/chain/devnet/devnet-runtime';
import { localCalls, type LocalCalls } from '../../src/chain/devnet/local/local-calls';
import { headerHash } from '../../src/chain/devnet/node/block-header';
import type { Hex } from '../../src/chain/devnet/rpc/backend';

const NEURONS = 256;
const VALIDATORS = 64;

export interface DevnetBenchReport {
  emptyBlockMs: number;
  headerHashMs: number;
  emptyBlockVsHeaderHash: number;
  emptyBlockShareOfBlockTime: number;
  setWeightsPerSecond: number;
  transfersPerSecond: number;
  setWeightsVsTransfers: number;
  subnetHeapMiB: number;
  subnetStateMiB: number;
  heapVsStateBytes: number;
}

async function newNode(): Promise<DevnetNode> {
  return new DevnetNode({
    runtime: (md) => devnetRuntime(md),
    genesis: await devGenesisConfig(),
    persistence: inMemoryPersistence(),
    blockTimeMs: 0,
    instant: false,
    finalityDelayMs: 0,
  });
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/** Submits pre-signed extrinsics `perBlock` at a time and builds a block after each batch; returns extrinsics per second. */
function throughput(node: DevnetNode, signed: Hex[], perBlock: number): number {
  const started = performance.now();
  for (let i = 0; i < signed.length; i += perBlock) {
    for (const x of signed.slice(i, i + perBlock)) node.submitExtrinsic(x);
    const block = node.produceBlock();
    if (block.extrinsics.length !== Math.min(perBlock, signed.length - i) + 1) throw new Error(`block ${block.number} missed extrinsics`);
  }
  return signed.length / ((performance.now() - started) / 1000);
}

function send(node: DevnetNode, calls: LocalCalls, signer: KeyringPair, call: unknown): void {
  node.submitExtrinsic(calls.sign(signer, call));
}

/** Builds netuid 1 with 256 neurons (the owner, 63 more validators with stake, 192 miners). */
function buildSubnet(node: DevnetNode, calls: LocalCalls, keyring: Keyring, progress: (l: string) => void): KeyringPair[] {
  const alice = keyring.addFromUri('//Alice');
  const sudo = (call: unknown) => send(node, calls, alice, calls.call('sudo', 'sudo', call));
  const hotkeys = Array.from({ length: NEURONS }, (_, i) => keyring.addFromUri(`//BenchHot${i}`));
  send(node, calls, alice, calls.call('subtensorModule', 'registerNetwork', hotkeys[0]!.address));
  sudo(calls.call('adminUtils', 'sudoSetAdminFreezeWindow', 0));
  node.produceBlock();
  sudo(calls.call('adminUtils', 'sudoSetCommitRevealWeightsEnabled', 1, false));
  sudo(calls.call('adminUtils', 'sudoSetWeightsSetRateLimit', 1, 0));
  sudo(calls.call('adminUtils', 'sudoSetMaxAllowedValidators', 1, VALIDATORS));
  send(node, calls, alice, calls.call('subtensorModule', 'startCall', 1));
  node.produceBlock();
  progress(`  registering ${NEURONS - 1} neurons`);
  for (const hot of hotkeys.slice(1)) {
    send(node, calls, alice, calls.call('subtensorModule', 'burnedRegister', 1, hot.address));
    node.produceBlock();
  }
  for (const hot of hotkeys.slice(0, VALIDATORS)) send(node, calls, alice, calls.call('subtensorModule', 'addStake', hot.address, 1, 1_000n * TAO));
  node.produceBlock();
  // Fund the validator hotkeys' fees are not needed (set_weights is Pays::No); wait one epoch for permits.
  const tempo = Number(node.storageAt(node.headNumber).get('SubtensorModule', 'Tempo', [1])!.toString());
  for (let i = 0; i <= tempo + 1; i++) node.produceBlock();
  return hotkeys;
}

export async function runDevnetBench(progress: (line: string) => void): Promise<DevnetBenchReport> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });

  progress('devnet 1/3 empty blocks vs header hashing');
  const node = await newNode();
  const calls = localCalls(node);
  for (let i = 0; i < 20; i++) node.produceBlock();
  const blocks = 300;
  let started = performance.now();
  for (let i = 0; i < blocks; i++) node.produceBlock();
  const emptyBlockMs = (performance.now() - started) / blocks;
  const head = node.bestBlock();
  started = performance.now();
  for (let i = 0; i < blocks; i++) headerHash(node.md.registry, { ...head, number: head.number + i });
  const headerHashMs = (performance.now() - started) / blocks;

  progress('devnet 2/3 building a 256-neuron subnet');
  const heapBefore = heapUsed();
  const hotkeys = buildSubnet(node, calls, keyring, progress);
  const permits = node.storageAt(node.headNumber).get('SubtensorModule', 'ValidatorPermit', [1])!.toJSON() as boolean[];
  const validators = hotkeys.slice(0, VALIDATORS).filter((_, uid) => permits[uid]);
  if (validators.length < VALIDATORS) throw new Error(`only ${validators.length} of ${VALIDATORS} validators have permits`);
  const uids = Array.from({ length: NEURONS }, (_, i) => i);
  const rounds = 5;
  const setWeights: Hex[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const v of validators) {
      const weights = uids.map((u) => 1 + ((u * 7919 + r * 31) % 65535));
      setWeights.push(calls.sign(v, calls.call('subtensorModule', 'setWeights', 1, uids, weights, 0), r));
    }
  }
  progress(`  ${setWeights.length} set_weights extrinsics`);
  const setWeightsPerSecond = throughput(node, setWeights, VALIDATORS);
  const transfers: Hex[] = [];
  const senders = Array.from({ length: VALIDATORS }, (_, i) => keyring.addFromUri(`//BenchPayer${i}`));
  const alice = keyring.addFromUri('//Alice');
  for (const s of senders) send(node, calls, alice, calls.call('balances', 'transferKeepAlive', s.address, 10n * TAO));
  node.produceBlock();
  for (let r = 0; r < rounds; r++) {
    for (const s of senders) transfers.push(calls.sign(s, calls.call('balances', 'transferKeepAlive', alice.address, 1_000_000n), r));
  }
  const transfersPerSecond = throughput(node, transfers, VALIDATORS);

  progress('devnet 3/3 memory of the subnet');
  const heapAfter = heapUsed();
  let stateBytes = 0;
  for (const k of node.storageKeysPaged('0x', 1_000_000)) stateBytes += (k.length - 2) / 2 + ((node.storage(k)?.length ?? 2) - 2) / 2;
  node.close();
  const MiB = 1024 * 1024;
  return {
    emptyBlockMs,
    headerHashMs,
    emptyBlockVsHeaderHash: emptyBlockMs / headerHashMs,
    emptyBlockShareOfBlockTime: emptyBlockMs / 1000,
    setWeightsPerSecond,
    transfersPerSecond,
    setWeightsVsTransfers: setWeightsPerSecond / transfersPerSecond,
    subnetHeapMiB: (heapAfter - heapBefore) / MiB,
    subnetStateMiB: stateBytes / MiB,
    heapVsStateBytes: (heapAfter - heapBefore) / stateBytes,
  };
}
