import { InvalidParamsError } from '../errors';
import type { Datapath } from '../workload';

/** Identifier of a hardware class in the catalogue. */
export type GpuClassId =
  | 'B200'
  | 'H200'
  | 'H100-SXM'
  | 'H100-PCIe'
  | 'A100-80GB'
  | 'A100-40GB'
  | 'L40S'
  | 'RTX-4090'
  | 'RTX-3090'
  | 'RTX-A6000'
  | 'V100'
  | 'CPU';

/** Dense (no structured sparsity) peak TFLOP/s per datapath, as the vendor datasheet states it. */
export type DatasheetTflops = Readonly<Record<Datapath, number>>;

export interface GpuClass {
  readonly id: GpuClassId;
  readonly displayName: string;
  /** Datasheet figures; absent for CPU, which is judged by a fixed band instead. */
  readonly datasheet?: DatasheetTflops;
  /** Fixed band [low, high] in TFLOP/s for classes without a datasheet. */
  readonly fixedBand?: readonly [number, number];
  /** Device memory as marketed (GB). Throughput cannot prove it; it is informational. */
  readonly memoryGB?: number;
  readonly architecture: string;
  /** Launch year; absent for CPU. */
  readonly year?: number;
  /** Names as `nvidia-smi --query-gpu=name` prints them. */
  readonly aliases: readonly string[];
}

/**
 * The catalogue. fp16 = FP16 tensor with FP32 accumulate, tf32 = TF32 tensor, fp32 = plain
 * (non-tensor) FP32; all dense, i.e. half the "with sparsity" numbers datasheets headline.
 */
export const GPU_CLASSES: readonly GpuClass[] = [
  {
    // NVIDIA HGX B200 / DGX B200 datasheet (per GPU, dense).
    id: 'B200',
    displayName: 'NVIDIA B200',
    datasheet: { fp16: 2250, tf32: 1100, fp32: 75 },
    memoryGB: 180,
    architecture: 'Blackwell',
    year: 2024,
    aliases: ['NVIDIA B200'],
  },
  {
    // NVIDIA H200 Tensor Core GPU datasheet, H200 SXM column.
    id: 'H200',
    displayName: 'NVIDIA H200',
    datasheet: { fp16: 989, tf32: 494, fp32: 67 },
    memoryGB: 141,
    architecture: 'Hopper',
    year: 2024,
    aliases: ['NVIDIA H200'],
  },
  {
    // NVIDIA H100 Tensor Core GPU datasheet, H100 SXM column.
    id: 'H100-SXM',
    displayName: 'NVIDIA H100 SXM',
    datasheet: { fp16: 989, tf32: 494, fp32: 67 },
    memoryGB: 80,
    architecture: 'Hopper',
    year: 2022,
    aliases: ['NVIDIA H100 80GB HBM3', 'NVIDIA H100 SXM5 80GB'],
  },
  {
    // NVIDIA H100 Tensor Core GPU datasheet, H100 PCIe column.
    id: 'H100-PCIe',
    displayName: 'NVIDIA H100 PCIe',
    datasheet: { fp16: 756, tf32: 378, fp32: 51 },
    memoryGB: 80,
    architecture: 'Hopper',
    year: 2022,
    aliases: ['NVIDIA H100 PCIe'],
  },
  {
    // NVIDIA A100 Tensor Core GPU datasheet (80GB SXM and PCIe share the tensor figures).
    id: 'A100-80GB',
    displayName: 'NVIDIA A100 80GB',
    datasheet: { fp16: 312, tf32: 156, fp32: 19.5 },
    memoryGB: 80,
    architecture: 'Ampere',
    year: 2020,
    aliases: ['NVIDIA A100-SXM4-80GB', 'NVIDIA A100 80GB PCIe', 'NVIDIA A100-PCIE-80GB'],
  },
  {
    // NVIDIA A100 Tensor Core GPU datasheet (40GB).
    id: 'A100-40GB',
    displayName: 'NVIDIA A100 40GB',
    datasheet: { fp16: 312, tf32: 156, fp32: 19.5 },
    memoryGB: 40,
    architecture: 'Ampere',
    year: 2020,
    aliases: ['NVIDIA A100-SXM4-40GB', 'NVIDIA A100-PCIE-40GB'],
  },
  {
    // NVIDIA L40S datasheet.
    id: 'L40S',
    displayName: 'NVIDIA L40S',
    datasheet: { fp16: 362, tf32: 183, fp32: 91.6 },
    memoryGB: 48,
    architecture: 'Ada Lovelace',
    year: 2023,
    aliases: ['NVIDIA L40S'],
  },
  {
    // NVIDIA Ada GPU Architecture whitepaper, GeForce RTX 4090 (FP16 tensor with FP32 accumulate).
    id: 'RTX-4090',
    displayName: 'NVIDIA GeForce RTX 4090',
    datasheet: { fp16: 165, tf32: 82.6, fp32: 82.6 },
    memoryGB: 24,
    architecture: 'Ada Lovelace',
    year: 2022,
    aliases: ['NVIDIA GeForce RTX 4090'],
  },
  {
    // NVIDIA Ampere GA102 GPU Architecture whitepaper, GeForce RTX 3090 (FP16 tensor, FP32 accumulate).
    id: 'RTX-3090',
    displayName: 'NVIDIA GeForce RTX 3090',
    datasheet: { fp16: 71, tf32: 35.6, fp32: 35.6 },
    memoryGB: 24,
    architecture: 'Ampere',
    year: 2020,
    aliases: ['NVIDIA GeForce RTX 3090'],
  },
  {
    // NVIDIA RTX A6000 datasheet.
    id: 'RTX-A6000',
    displayName: 'NVIDIA RTX A6000',
    datasheet: { fp16: 155, tf32: 77.4, fp32: 38.7 },
    memoryGB: 48,
    architecture: 'Ampere',
    year: 2020,
    aliases: ['NVIDIA RTX A6000'],
  },
  {
    // NVIDIA Tesla V100 datasheet, SXM2 column. Volta has no TF32: an fp32 graph runs on the
    // plain FP32 units, so its 'tf32' figure is the FP32 one.
    id: 'V100',
    displayName: 'NVIDIA Tesla V100 SXM2',
    datasheet: { fp16: 125, tf32: 15.7, fp32: 15.7 },
    memoryGB: 32,
    architecture: 'Volta',
    year: 2017,
    aliases: ['Tesla V100-SXM2-32GB', 'Tesla V100-SXM2-16GB'],
  },
  {
    // No datasheet: anything from a small VM core to a large many-core server. The floor is low
    // because a tiny preset's figure is mostly per-challenge overhead (the ci preset on a loaded
    // 2-core machine measured 0.0008 TFLOP/s); a slow CPU earns less, never more, so no floor protects the score.
    id: 'CPU',
    displayName: 'CPU',
    fixedBand: [0.00001, 10],
    architecture: 'CPU',
    aliases: ['cpu'],
  },
];

export const GPU_CLASS_IDS: readonly GpuClassId[] = GPU_CLASSES.map((c) => c.id);

const BY_ID = new Map(GPU_CLASSES.map((c) => [c.id, c]));

export function gpuClass(id: GpuClassId): GpuClass {
  const found = BY_ID.get(id);
  if (!found) throw new InvalidParamsError('unknown GPU class', { id });
  return found;
}

/** Case, hyphens, underscores and runs of spaces do not matter when matching a name. */
function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_\s]+/g, ' ');
}

const BY_ALIAS = new Map(GPU_CLASSES.flatMap((c) => c.aliases.map((a) => [normaliseName(a), c.id] as const)));

/** The class an nvidia-smi device name maps to, or undefined for a name not in the catalogue. */
export function classForName(name: string): GpuClassId | undefined {
  return typeof name === 'string' ? BY_ALIAS.get(normaliseName(name)) : undefined;
}
