import { randomBytes } from 'node:crypto';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cpuInfo, MINER_VERSION, MinerNode, onnxruntimeVersion, type CapacityReport, type RunWorkload } from '../miner';
import type { WorkloadRunner } from '../pog';

/** How a demo miner behaves: honest, half speed, or faking a fraction of its rows. */
export type DemoBehaviour = { readonly kind: 'honest' } | { readonly kind: 'throttled' } | { readonly kind: 'cheater'; readonly fakeFraction: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wraps a runner's runWorkload with a behaviour (throttled: waits as long again as the work took, before committing). */
export function behaviourWorkload(runner: Pick<WorkloadRunner, 'runWorkload'>, behaviour: DemoBehaviour): RunWorkload {
  return async (seed, params) => {
    const started = performance.now();
    const result = await runner.runWorkload(seed, params);
    if (behaviour.kind === 'throttled') await sleep(performance.now() - started);
    else if (behaviour.kind === 'cheater') {
      const output = result.output;
      const fake = new Float32Array(randomBytes(params.headWidth * 4).buffer).map((v) => (Number.isFinite(v) ? Math.tanh(v) : 0.5));
      const every = Math.max(1, Math.round(1 / behaviour.fakeFraction));
      for (let row = 0; row < params.rows; row += every) output.set(fake, row * params.headWidth);
    }
    return result;
  };
}

/** A CPU capacity report without probing GPUs or execution providers (the demo's miners are CPU only). */
export function cpuCapacity(): CapacityReport {
  const cpu = cpuInfo();
  return {
    device: { kind: 'cpu', deviceId: 0 },
    gpus: { available: false, reason: 'demo: CPU miners', count: 0, gpus: [] },
    executionProviders: [{ name: 'cpu', bundled: true, available: true }],
    cpu,
    software: { miner: MINER_VERSION, node: process.version, onnxruntime: onnxruntimeVersion() ?? 'unknown' },
    probedAtMs: Date.now(),
    probeMs: 0,
  };
}

/** A miner node on 127.0.0.1 (any free port) serving `allow`. */
export async function startDemoMiner(hotkey: KeyringPair, runWorkload: RunWorkload, allow: readonly string[], netuid: number): Promise<{ node: MinerNode; port: number; stop(): Promise<void> }> {
  const node = await MinerNode.start({ hotkey, netuid, device: 'cpu', runWorkload, capacity: cpuCapacity(), allow, host: '127.0.0.1', port: 0 });
  return { node, port: node.port, stop: async () => void (await node.stop(1000)) };
}
