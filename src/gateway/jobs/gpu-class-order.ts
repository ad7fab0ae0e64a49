import { GPU_CLASS_IDS, gpuClass, type GpuClassId } from '../../pog';

/** A class's strength for "at least this class": its dense FP16 datasheet TFLOP/s (CPU: its band's top, far below any GPU). */
export function classStrength(id: GpuClassId): number {
  const c = gpuClass(id);
  return c.datasheet?.fp16 ?? c.fixedBand?.[1] ?? 0;
}

export function isGpuClassId(value: string): value is GpuClassId {
  return (GPU_CLASS_IDS as readonly string[]).includes(value);
}

/** Whether a miner measured as `measured` meets a job's `minimum` class. */
export function meetsClass(measured: string | null, minimum: GpuClassId): boolean {
  return measured !== null && isGpuClassId(measured) && classStrength(measured) >= classStrength(minimum);
}
