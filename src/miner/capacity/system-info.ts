import { arch, cpus, platform, release, totalmem } from 'node:os';

/** The CPU and memory the host reports (a claim, like everything in the capacity statement). */
export interface CpuInfo {
  readonly model: string;
  /** Logical cores. */
  readonly cores: number;
  readonly memoryBytes: number;
  readonly arch: string;
  readonly platform: string;
  readonly osRelease: string;
}

export function cpuInfo(): CpuInfo {
  const list = cpus();
  return {
    model: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryBytes: totalmem(),
    arch: arch(),
    platform: platform(),
    osRelease: release(),
  };
}

/** onnxruntime-node's version, read from its package.json (null when it cannot be found). */
export function onnxruntimeVersion(): string | null {
  try {
    return (require('onnxruntime-node/package.json') as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}
