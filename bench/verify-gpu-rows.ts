/**
 * Checks rows computed on a real GPU by bench/gpu/pog_calibration.py against the project's
 * float64 references and tolerance bands, and identifies the class of the measured throughput.
 *
 *   npm run build && node dist/bench/verify-gpu-rows.js DIR [--json]
 *
 * DIR holds results.json (params, seedHex, and per datapath: declared, auditRows, tflops) and
 * rows-NAME.bin (float32 little-endian, auditRows × headWidth).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { identifyClass } from '../src/pog/catalogue';
import { float32FromLeBytes } from '../src/pog/commitment';
import { WorkloadRunner } from '../src/pog/runner';
import { compareWithReference, ortReferencePair, toleranceBand } from '../src/pog/verifier';
import { DATAPATHS, parseWorkloadParams } from '../src/pog/workload';

const resultsSchema = z.object({
  params: z.object({
    rows: z.number(),
    width: z.number(),
    headWidth: z.number(),
    depth: z.number(),
    poolSize: z.number(),
    rowsPerLeaf: z.number(),
    auditRows: z.number(),
  }),
  seedHex: z.string().regex(/^[0-9a-f]{64}$/),
  datapaths: z.record(
    z.string().regex(/^[\w-]+$/),
    z.object({ declared: z.enum(DATAPATHS), auditRows: z.array(z.number().int().min(0)).min(1), tflops: z.number().nonnegative() }),
  ),
});

export interface GpuRowsVerdict {
  readonly datapath: string;
  readonly declared: string;
  readonly rows: number;
  /** median(ρ) / σ: the precision fingerprint, bounded by the band's medianRatio. */
  readonly medianRatio: number;
  /** The worst row's ρ / σ, bounded by the band's maxRatio. */
  readonly worstRatio: number;
  readonly passed: boolean;
  readonly tflops: number;
  readonly class: string;
}

export async function verifyGpuRows(dir: string): Promise<GpuRowsVerdict[]> {
  const results = resultsSchema.parse(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')));
  const seed = Buffer.from(results.seedHex, 'hex');
  const runner = await WorkloadRunner.start({ device: 'cpu' });
  try {
    const reference = ortReferencePair(runner);
    const verdicts: GpuRowsVerdict[] = [];
    for (const [name, entry] of Object.entries(results.datapaths)) {
      const params = parseWorkloadParams({ ...results.params, datapath: entry.declared });
      const observed = float32FromLeBytes(readFileSync(join(dir, `rows-${name}.bin`)));
      if (observed.length !== entry.auditRows.length * params.headWidth) {
        throw new Error(`rows-${name}.bin holds ${observed.length} values, expected ${entry.auditRows.length} × ${params.headWidth}`);
      }
      const { medianRatio, worstRatio, nonFiniteRow } = compareWithReference(observed, await reference(seed, params, entry.auditRows), params.headWidth);
      const band = toleranceBand(params.datapath);
      verdicts.push({
        datapath: name,
        declared: entry.declared,
        rows: entry.auditRows.length,
        medianRatio,
        worstRatio,
        passed: nonFiniteRow < 0 && medianRatio <= band.medianRatio && worstRatio <= band.maxRatio,
        tflops: entry.tflops,
        class: identifyClass(entry.tflops, params.datapath).class,
      });
    }
    return verdicts;
  } finally {
    await runner.close();
  }
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir || dir.startsWith('--')) {
    process.stderr.write('usage: node dist/bench/verify-gpu-rows.js DIR [--json]\n');
    process.exitCode = 2;
    return;
  }
  const verdicts = await verifyGpuRows(dir);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(verdicts, null, 1)}\n`);
  else {
    console.table(
      verdicts.map((v) => ({
        datapath: v.datapath,
        declared: v.declared,
        'median ρ/σ': v.medianRatio.toFixed(2),
        'worst ρ/σ': v.worstRatio.toFixed(2),
        verdict: v.passed ? 'pass' : 'FAIL',
        'TFLOP/s': v.tflops.toFixed(1),
        class: v.class,
      })),
    );
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`verify-gpu-rows: error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
