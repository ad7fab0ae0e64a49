import { ExecutionProviderUnavailableError } from '../errors';
import { WorkloadRunner } from './runner';

export interface ExecutionProviderInfo {
  /** onnxruntime's backend name: 'cpu', 'cuda', 'webgpu', 'tensorrt', … */
  readonly name: string;
  /** Shipped inside the onnxruntime-node package (CUDA is installed separately). */
  readonly bundled: boolean;
  /** Proven by a probe run ('cpu' and 'cuda'); undefined for providers this project does not use. */
  readonly available: boolean | undefined;
}

/** Whether `device` can run a model here: starts a runner on it (one probe run) and closes it. */
export async function probeDevice(device: 'cpu' | 'cuda', deviceId = 0): Promise<boolean> {
  try {
    const runner = await WorkloadRunner.start({ device, deviceId, threads: 1 });
    await runner.close();
    return true;
  } catch (error) {
    if (error instanceof ExecutionProviderUnavailableError) return false;
    throw error;
  }
}

/** onnxruntime-node's backends, with 'cpu' and 'cuda' probed for real. */
export async function listExecutionProviders(): Promise<ExecutionProviderInfo[]> {
  // Loaded here, not at module load, so importing the runner never loads onnxruntime on this thread.
  const { listSupportedBackends } = require('onnxruntime-node') as typeof import('onnxruntime-node');
  const backends = listSupportedBackends();
  const out: ExecutionProviderInfo[] = [];
  for (const { name, bundled } of backends) {
    const available = name === 'cpu' || name === 'cuda' ? await probeDevice(name) : undefined;
    out.push({ name, bundled, available });
  }
  return out;
}
