import { describeCapacity, parseNvidiaSmiCsv, probeCapacity, probeNvidiaGpus, NVIDIA_SMI_ARGS, type ExecFn } from '../../src/miner';

/** `nvidia-smi --query-gpu=index,uuid,name,memory.total,driver_version,pci.bus_id --format=csv,noheader` on a two-GPU host. */
const H100_HOST = [
  '0, GPU-5b2c9a7e-1f3d-4c8e-9a0b-7d6e5f4a3b2c, NVIDIA H100 80GB HBM3, 81559 MiB, 550.54.15, 00000000:18:00.0',
  '1, GPU-0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5, NVIDIA H100 80GB HBM3, 81559 MiB, 550.54.15, 00000000:2A:00.0',
  '',
].join('\n');

const fakeExec = (result: string | NodeJS.ErrnoException & { firstLine?: string; killed?: boolean }): ExecFn & { calls: string[][] } => {
  const calls: string[][] = [];
  const exec: ExecFn = async (file, args) => {
    calls.push([file, ...args]);
    if (typeof result === 'string') return result;
    throw result;
  };
  return Object.assign(exec, { calls });
};

describe('nvidia-smi parsing', () => {
  it('reads name, count, memory, driver and UUIDs', () => {
    expect(parseNvidiaSmiCsv(H100_HOST)).toEqual([
      { index: 0, uuid: 'GPU-5b2c9a7e-1f3d-4c8e-9a0b-7d6e5f4a3b2c', name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559, driverVersion: '550.54.15', pciBusId: '00000000:18:00.0' },
      { index: 1, uuid: 'GPU-0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5', name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559, driverVersion: '550.54.15', pciBusId: '00000000:2A:00.0' },
    ]);
  });

  it('takes nounits output, N/A fields and CRLF; skips lines it cannot read and sorts by index', () => {
    const text = [
      '1, GPU-bbbb, NVIDIA GeForce RTX 4090, 24564, 535.129.03, 00000000:41:00.0',
      'garbage line',
      '0, GPU-aaaa, NVIDIA A100-SXM4-40GB, [N/A], [Not Supported], [N/A]',
      'x, GPU-cccc, bad index, 1 MiB, 1, 1',
    ].join('\r\n');
    expect(parseNvidiaSmiCsv(text)).toEqual([
      { index: 0, uuid: 'GPU-aaaa', name: 'NVIDIA A100-SXM4-40GB', memoryMiB: null, driverVersion: null, pciBusId: null },
      { index: 1, uuid: 'GPU-bbbb', name: 'NVIDIA GeForce RTX 4090', memoryMiB: 24564, driverVersion: '535.129.03', pciBusId: '00000000:41:00.0' },
    ]);
    expect(parseNvidiaSmiCsv('')).toEqual([]);
  });
});

describe('the GPU probe', () => {
  it('runs nvidia-smi with the documented query and reports the GPUs', async () => {
    const exec = fakeExec(H100_HOST);
    const probe = await probeNvidiaGpus(exec);
    expect(exec.calls).toEqual([['nvidia-smi', ...NVIDIA_SMI_ARGS]]);
    expect(NVIDIA_SMI_ARGS).toEqual(['--query-gpu=index,uuid,name,memory.total,driver_version,pci.bus_id', '--format=csv,noheader']);
    expect(probe).toMatchObject({ available: true, count: 2, driverVersion: '550.54.15' });
  });

  it('says so when nvidia-smi is absent, fails, hangs or lists nothing', async () => {
    const enoent = Object.assign(new Error('spawn nvidia-smi ENOENT'), { code: 'ENOENT' });
    expect(await probeNvidiaGpus(fakeExec(enoent))).toEqual({ available: false, reason: 'nvidia-smi not found: no NVIDIA driver on this host', count: 0, gpus: [] });
    const failed = Object.assign(new Error('Command failed'), { code: 9 as unknown as string, firstLine: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." });
    expect((await probeNvidiaGpus(fakeExec(failed))).available).toBe(false);
    expect(await probeNvidiaGpus(fakeExec(failed))).toMatchObject({ reason: "nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." });
    const hung = Object.assign(new Error('killed'), { killed: true });
    expect(await probeNvidiaGpus(fakeExec(hung), 5)).toMatchObject({ available: false, reason: 'nvidia-smi did not answer within 5 ms' });
    expect(await probeNvidiaGpus(fakeExec('\n'))).toMatchObject({ available: false, reason: 'nvidia-smi reported no GPUs' });
  });

  it('on this host (no GPU here in CI): a real run never throws', async () => {
    const probe = await probeNvidiaGpus();
    expect(typeof probe.available).toBe('boolean');
  });
});

describe('probeCapacity', () => {
  it('combines GPUs, proven execution providers and the CPU into one report', async () => {
    const report = await probeCapacity({
      device: 'cuda',
      deviceId: 1,
      exec: fakeExec(H100_HOST),
      executionProviders: async () => [
        { name: 'cpu', bundled: true, available: true },
        { name: 'cuda', bundled: false, available: true },
        { name: 'webgpu', bundled: true, available: undefined },
      ],
    });
    expect(report.device).toEqual({ kind: 'cuda', deviceId: 1 });
    expect(report.gpus.count).toBe(2);
    expect(report.executionProviders).toEqual([
      { name: 'cpu', bundled: true, available: true },
      { name: 'cuda', bundled: false, available: true },
      { name: 'webgpu', bundled: true, available: null },
    ]);
    expect(report.cpu.cores).toBeGreaterThan(0);
    expect(report.cpu.memoryBytes).toBeGreaterThan(0);
    expect(report.software.onnxruntime).toMatch(/^\d+\.\d+\.\d+/);
    expect(describeCapacity(report)).toBe(
      `serving on cuda:1; CPU ${report.cpu.cores} × ${report.cpu.model}, ${(report.cpu.memoryBytes / 2 ** 30).toFixed(1)} GiB; ` +
        'GPUs: 0: NVIDIA H100 80GB HBM3 79.6 GiB, 1: NVIDIA H100 80GB HBM3 79.6 GiB (driver 550.54.15); execution providers proven: cpu, cuda',
    );
  });
});
