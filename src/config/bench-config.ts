import { z } from 'zod';
import { logLevelSchema } from './shared-schemas';

/** `pog bench` settings: config/default.json's "bench" section, then POG_* env, then flags. */
export const benchConfigSchema = z
  .object({
    device: z.enum(['cpu', 'cuda']).default('cpu').describe('execution provider to run the workload on'),
    deviceId: z.number().int().min(0).max(63).default(0).describe('CUDA device ordinal'),
    preset: z.enum(['ci', 'demo', 'gpu']).optional().describe('workload parameter set (default: demo on cpu, gpu on cuda)'),
    datapath: z.enum(['fp32', 'tf32', 'fp16']).optional().describe('numeric datapath (default: the preset\'s)'),
    threads: z.number().int().min(1).max(256).optional().describe('onnxruntime intra-op threads (default: all cores)'),
    repeat: z.number().int().min(1).max(100).default(3).describe('timed runs; the median is reported'),
    json: z.boolean().default(false).describe('print one JSON object instead of a table'),
    logLevel: logLevelSchema.default('warn'),
  })
  .strict();

export type BenchConfig = z.infer<typeof benchConfigSchema>;
