import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyGpuRows } from '../../bench/verify-gpu-rows';
import { chooseAuditRows } from '../../src/pog/audit';
import { float32LeBytes } from '../../src/pog/commitment';
import { EMULATED_DATAPATHS, emulatedRows } from '../../src/pog/emulation';
import { WorkloadRunner } from '../../src/pog/runner';
import { preset } from '../../src/pog/workload';

// The TypeScript half of the GPU calibration, fed with files in the format the PyTorch script
// writes: honest rows from the CPU runner must pass, cheaper datapaths must fail.
describe('verify-gpu-rows', () => {
  it('passes honest rows and fails cheating ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pog-gpu-rows-'));
    const params = preset('ci', { width: 256 });
    const seed = randomBytes(32);
    const auditRows = chooseAuditRows(params.rows, params.auditRows);
    const runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
    const honest = await runner.runWorkload(seed, params).finally(() => runner.close());
    const honestRows = new Float32Array(auditRows.length * params.headWidth);
    auditRows.forEach((row, i) => honestRows.set(honest.output.subarray(row * params.headWidth, (row + 1) * params.headWidth), i * params.headWidth));
    const fp16Params = { ...params, datapath: 'fp16' as const };
    writeFileSync(join(dir, 'rows-fp32.bin'), float32LeBytes(honestRows));
    writeFileSync(join(dir, 'rows-fp16.bin'), float32LeBytes(emulatedRows(seed, fp16Params, auditRows, EMULATED_DATAPATHS.fp16)));
    writeFileSync(join(dir, 'rows-bf16-cheat.bin'), float32LeBytes(emulatedRows(seed, fp16Params, auditRows, EMULATED_DATAPATHS.bf16)));
    const { datapath: _unused, ...shape } = params;
    writeFileSync(
      join(dir, 'results.json'),
      JSON.stringify({
        params: shape,
        seedHex: Buffer.from(seed).toString('hex'),
        datapaths: {
          fp32: { declared: 'fp32', auditRows, tflops: 0.05 },
          fp16: { declared: 'fp16', auditRows, tflops: 700 },
          'bf16-cheat': { declared: 'fp16', auditRows, tflops: 700 },
        },
      }),
    );
    const verdicts = await verifyGpuRows(dir);
    expect(verdicts.map((v) => [v.datapath, v.passed])).toEqual([
      ['fp32', true],
      ['fp16', true],
      ['bf16-cheat', false],
    ]);
    expect(verdicts[2]!.medianRatio).toBeGreaterThan(5);
    expect(verdicts[0]!.class).toBe('CPU');
    expect(verdicts[1]!.class).toBe('H100-SXM');
  });
});
