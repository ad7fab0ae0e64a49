import { execFile } from 'node:child_process';

/** One GPU as nvidia-smi reports it. A claim: nothing here is proven (PoG measures throughput). */
export interface GpuInfo {
  readonly index: number;
  readonly uuid: string;
  readonly name: string;
  /** memory.total in MiB; null when nvidia-smi reports N/A. */
  readonly memoryMiB: number | null;
  readonly driverVersion: string | null;
  readonly pciBusId: string | null;
}

/** What the GPU probe found: the GPUs, or why there are none to report. */
export type GpuProbe =
  | { readonly available: true; readonly count: number; readonly driverVersion: string | null; readonly gpus: readonly GpuInfo[] }
  | { readonly available: false; readonly reason: string; readonly count: 0; readonly gpus: readonly [] };

/** The fields queried, in order (`nvidia-smi --help-query-gpu`); all exist on every driver since 2015. */
export const NVIDIA_SMI_FIELDS = ['index', 'uuid', 'name', 'memory.total', 'driver_version', 'pci.bus_id'] as const;
export const NVIDIA_SMI_ARGS = [`--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`, '--format=csv,noheader'] as const;

const NOT_AVAILABLE = /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions)\]?$/i;

function text(value: string | undefined): string | null {
  const v = value?.trim() ?? '';
  return v === '' || NOT_AVAILABLE.test(v) ? null : v;
}

/** "81559 MiB", "81559" (nounits) or "[N/A]" → MiB or null. */
function mebibytes(value: string | undefined): number | null {
  const v = text(value);
  if (v === null) return null;
  const m = /^(\d+(?:\.\d+)?)\s*(MiB|GiB|KiB)?$/i.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'MiB').toLowerCase();
  return unit === 'gib' ? n * 1024 : unit === 'kib' ? n / 1024 : n;
}

/**
 * Parses `nvidia-smi --query-gpu=index,uuid,name,memory.total,driver_version,pci.bus_id
 * --format=csv,noheader[,nounits]` output: one GPU per line, fields separated by ", ".
 * Lines that do not have the expected fields are skipped, never guessed at.
 */
export function parseNvidiaSmiCsv(output: string): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length !== NVIDIA_SMI_FIELDS.length) continue;
    const [index, uuid, name, memory, driver, bus] = fields;
    if (!/^\d+$/.test(index ?? '') || !text(uuid) || !text(name)) continue;
    gpus.push({
      index: Number(index),
      uuid: text(uuid)!,
      name: text(name)!,
      memoryMiB: mebibytes(memory),
      driverVersion: text(driver),
      pciBusId: text(bus),
    });
  }
  return gpus.sort((a, b) => a.index - b.index);
}

/** Runs a command and returns its stdout; rejects with the process error (code ENOENT when absent). */
export type ExecFn = (file: string, args: readonly string[], timeoutMs: number) => Promise<string>;

export const execFileText: ExecFn = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, maxBuffer: 1 << 20, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const firstLine = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim()).find(Boolean);
        reject(Object.assign(error, { firstLine }));
        return;
      }
      resolve(stdout);
    });
  });

/**
 * The host's NVIDIA GPUs through nvidia-smi. When it is absent or fails (no driver), the probe
 * says so in `reason` instead of throwing: a CPU miner has no GPUs to report.
 */
export async function probeNvidiaGpus(exec: ExecFn = execFileText, timeoutMs = 10_000): Promise<GpuProbe> {
  let stdout: string;
  try {
    stdout = await exec('nvidia-smi', NVIDIA_SMI_ARGS, timeoutMs);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { firstLine?: string; killed?: boolean };
    const reason =
      e.code === 'ENOENT'
        ? 'nvidia-smi not found: no NVIDIA driver on this host'
        : e.killed
          ? `nvidia-smi did not answer within ${timeoutMs} ms`
          : `nvidia-smi failed: ${e.firstLine ?? e.message}`;
    return { available: false, reason, count: 0, gpus: [] };
  }
  const gpus = parseNvidiaSmiCsv(stdout);
  if (gpus.length === 0) return { available: false, reason: 'nvidia-smi reported no GPUs', count: 0, gpus: [] };
  return { available: true, count: gpus.length, driverVersion: gpus[0]!.driverVersion, gpus };
}
