import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { localCalls } from '../../../../src/chain/devnet/local/local-calls';
import { POOL_DEFAULTS } from '../../../../src/chain/devnet/node/tx-pool';
import type { Hex, TransactionStatus } from '../../../../src/chain/devnet/rpc/backend';
import { startTestChain, type TestChain } from '../support/test-chain';

/**
 * A key holder floods the pool with future-nonce transactions, which cost nothing until
 * included: from every public dev key, up to and past the per-account cap and the gap
 * limit. Honest transfers keep being accepted as ready and included, the pool stays small,
 * and mortal transactions leave the pool when their era ends.
 */
const TAO = 1_000_000_000n;
/** Heap growth allowed while the attack runs: the pool holds at most 6 × 16 futures of ~150 bytes (and their decoded forms). */
const HEAP_BOUND_BYTES = 64 * 1024 * 1024;

let t: TestChain;
let sign: ReturnType<typeof localCalls>['sign'];
let honest: KeyringPair;

beforeAll(async () => {
  t = await startTestChain();
  sign = localCalls(t.node).sign;
  honest = t.keyring.addFromUri('//Honest');
  await t.submit(t.keys.alice, t.call('balances', 'transferKeepAlive', honest.address, 1000n * TAO));
});
afterAll(() => t.close());

const transfer = (from: KeyringPair, nonce?: number): Hex => sign(from, t.call('balances', 'transferKeepAlive', t.keys.ferdie.address, 1n), nonce);

function outcome(hex: Hex): string {
  try {
    t.node.submitExtrinsic(hex);
    return 'accepted';
  } catch (error) {
    return String((error as { code: number }).code);
  }
}

it('future-nonce floods from every dev key cannot keep an honest transfer out, and cost little memory', () => {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const attackers = Object.values(t.keys);
  const tally: Record<string, number> = {};
  const honestLatencies: number[] = [];
  const base = new Map(attackers.map((k) => [k.address, t.node.accountNextIndex(k.address)]));
  const rounds = POOL_DEFAULTS.futurePerAccount + 8;
  for (let round = 0; round < rounds; round++) {
    for (const attacker of attackers) {
      // Nonces ahead of the account's: never includable until the gap (its current nonce) is filled.
      const result = outcome(transfer(attacker, base.get(attacker.address)! + 1 + round));
      tally[result] = (tally[result] ?? 0) + 1;
    }
    if (round % 6 === 5) {
      const hex = transfer(honest);
      const started = performance.now();
      expect(outcome(hex)).toBe('accepted');
      honestLatencies.push(performance.now() - started);
    }
  }
  // Far ahead: refused outright by the gap limit.
  expect(outcome(transfer(t.keys.bob, base.get(t.keys.bob.address)! + POOL_DEFAULTS.maxNonceGap + 1))).toBe('1010');
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;

  const honestCount = Math.floor(rounds / 6);
  expect(tally).toEqual({ accepted: attackers.length * POOL_DEFAULTS.futurePerAccount, '1016': attackers.length * (rounds - POOL_DEFAULTS.futurePerAccount) });
  expect(t.node.poolStatus()).toMatchObject({ ready: honestCount, future: attackers.length * POOL_DEFAULTS.futurePerAccount });
  expect(honestLatencies).toHaveLength(honestCount);
  expect(Math.max(...honestLatencies)).toBeLessThan(250);
  expect(heapGrowth).toBeLessThan(HEAP_BOUND_BYTES);

  // The honest transfers are all in the next block; the futures still wait for their gaps.
  const block = t.node.produceBlock();
  expect(block.extrinsics).toHaveLength(1 + honestCount);
  expect(t.node.poolStatus()).toMatchObject({ ready: 0, future: attackers.length * POOL_DEFAULTS.futurePerAccount });
  expect(outcome(transfer(honest))).toBe('accepted');
  expect(t.node.produceBlock().extrinsics).toHaveLength(2);
});

it('drops a mortal transaction from the pool when its era ends, and tells its watcher', () => {
  const registry = t.node.md.registry;
  const head = t.node.bestBlock();
  const ext = registry.createType('Extrinsic', t.call('balances', 'transferKeepAlive', t.keys.ferdie.address, 1n));
  const nonce = t.node.accountNextIndex(honest.address) + 1; // a gap, so it waits until it dies
  ext.sign(honest, {
    nonce,
    genesisHash: t.node.genesisHash,
    blockHash: head.hash,
    era: registry.createType('ExtrinsicEra', { current: head.number, period: 4 }),
    runtimeVersion: registry.createType('RuntimeVersion', { specVersion: t.node.version.specVersion, transactionVersion: t.node.version.transactionVersion }),
    signedExtensions: registry.signedExtensions,
  } as never);
  const statuses: TransactionStatus[] = [];
  const hash = t.node.submitExtrinsic(u8aToHex(ext.toU8a()) as Hex, (s) => statuses.push(s));
  expect(statuses).toEqual(['future']);
  const pending = (): boolean => t.node.pendingExtrinsics().some((x) => x === u8aToHex(ext.toU8a()));
  expect(pending()).toBe(true);
  for (let i = 0; i < 5; i++) t.node.produceBlock();
  expect(pending()).toBe(false);
  expect(statuses).toEqual(['future', 'invalid']);
  expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
});
