/**
 * Child process of the round-at-scale bench: N miners on 127.0.0.1, each its own HTTP server
 * and hotkey, that answer every challenge at once with one precomputed output (no device
 * work), so that what the parent measures is the validator's own cost. They are the real
 * miner (MinerNode): signed requests checked, responses signed, a Merkle commitment per
 * challenge, audits opened. Run by round-at-scale.ts through fork(): argv = count, the
 * validator's ss58 address, the preset; it sends { targets } when listening and stops on
 * 'stop'.
 */
import { keypairFromUri } from '../../src/chain/keys';
import { MinerNode, type CapacityReport } from '../../src/miner';
import { preset, type PresetName } from '../../src/pog';
import { protocolCryptoReady } from '../../src/protocol';
import type { MinerTarget } from '../../src/validator';

export interface StubMinersReady {
  readonly targets: MinerTarget[];
}

const capacity: CapacityReport = {
  device: { kind: 'cpu', deviceId: 0 },
  gpus: { available: false, reason: 'stub', count: 0, gpus: [] },
  executionProviders: [{ name: 'cpu', bundled: true, available: true }],
  cpu: { model: 'stub', cores: 1, memoryBytes: 1, arch: 'x64', platform: 'linux', osRelease: 'stub' },
  software: { miner: '0.1.0', node: process.version, onnxruntime: null },
  probedAtMs: 0,
  probeMs: 0,
};

async function main(): Promise<void> {
  const [count, validator, presetName] = [Number(process.argv[2]), process.argv[3]!, process.argv[4] as PresetName];
  await protocolCryptoReady();
  const params = preset(presetName);
  const output = Float32Array.from({ length: params.rows * params.headWidth }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const timings = { generateAndComputeMs: 0, sessionCreateMs: 0, sessionCached: true, prepareMs: 0, totalMs: 0 };
  const nodes: MinerNode[] = [];
  const targets: MinerTarget[] = [];
  for (let i = 0; i < count; i++) {
    const hotkey = keypairFromUri(`//Bench//stub-miner-${i}`);
    const node = await MinerNode.start({ hotkey, netuid: null, device: 'cpu', capacity, allow: [validator], host: '127.0.0.1', port: 0, runWorkload: async () => ({ output, timings }) });
    nodes.push(node);
    targets.push({ uid: i, hotkey: hotkey.address, url: `http://127.0.0.1:${node.port}` });
  }
  process.on('message', (message) => {
    if (message !== 'stop') return;
    void Promise.all(nodes.map((n) => n.stop(0))).finally(() => process.exit(0));
  });
  process.send!({ targets } satisfies StubMinersReady);
}

void main().catch((error: unknown) => {
  process.stderr.write(`stub miners: ${(error as Error).message}\n`);
  process.exit(1);
});
