import { randomBytes } from 'node:crypto';
import type { KeyringPair } from '@polkadot/keyring/types';
import { MinerNode, type CapacityReport, type RunWorkload } from '../../../src/miner';
import type { WorkloadRunner } from '../../../src/pog';

/** How a test miner behaves: honest, half speed, or faking part of its rows. */
export type MinerBehaviour = { kind: 'honest' } | { kind: 'throttled' } | { kind: 'cheater'; fakeFraction: number };

export function fixtureCapacity(): CapacityReport {
  return {
    device: { kind: 'cpu', deviceId: 0 },
    gpus: { available: false, reason: 'test', count: 0, gpus: [] },
    executionProviders: [{ name: 'cpu', bundled: true, available: true }],
    cpu: { model: 'Test CPU', cores: 2, memoryBytes: 8 * 2 ** 30, arch: 'x64', platform: 'linux', osRelease: 'test' },
    software: { miner: '0.1.0', node: process.version, onnxruntime: '1.30.0' },
    probedAtMs: 1_700_000_000_000,
    probeMs: 1,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wraps a runner's runWorkload with a behaviour, composing only the miner's exported pieces. */
export function behaviourWorkload(runner: Pick<WorkloadRunner, 'runWorkload'>, behaviour: MinerBehaviour): RunWorkload {
  return async (seed, params) => {
    const started = performance.now();
    const result = await runner.runWorkload(seed, params);
    if (behaviour.kind === 'throttled') {
      // Half speed: wait as long again as the work took, before committing.
      await sleep(performance.now() - started);
    } else if (behaviour.kind === 'cheater') {
      // Fakes a fraction of the rows (random values where the work should be); the tree is built over the fakes.
      const output = result.output;
      const fake = new Float32Array(randomBytes(params.headWidth * 4).buffer).map((v) => (Number.isFinite(v) ? Math.tanh(v) : 0.5));
      const every = Math.max(1, Math.round(1 / behaviour.fakeFraction));
      for (let row = 0; row < params.rows; row += every) output.set(fake, row * params.headWidth);
    }
    return result;
  };
}

/** A miner node (no chain) on 127.0.0.1 serving `allow`, running `runWorkload`. */
export async function startTestMiner(hotkey: KeyringPair, runWorkload: RunWorkload, allow: readonly string[], netuid: number | null = null): Promise<{ node: MinerNode; port: number; url: string; stop(): Promise<void> }> {
  const node = await MinerNode.start({ hotkey, netuid, device: 'cpu', runWorkload, capacity: fixtureCapacity(), allow, host: '127.0.0.1', port: 0 });
  return { node, port: node.port, url: `http://127.0.0.1:${node.port}`, stop: async () => void (await node.stop(1000)) };
}
