import { InvalidParamsError } from '../../../src/pog/errors';
import {
  classBand,
  classForName,
  DERATE,
  GPU_CLASS_IDS,
  GPU_CLASSES,
  gpuClass,
  identifyClass,
  TIER_FACTORS,
  tierFactor,
  type GpuClassId,
} from '../../../src/pog/catalogue';

describe('datasheet figures', () => {
  it('holds the dense vendor figures', () => {
    const figures = Object.fromEntries(GPU_CLASSES.filter((c) => c.datasheet).map((c) => [c.id, [c.datasheet!.fp16, c.datasheet!.tf32, c.datasheet!.fp32, c.memoryGB]]));
    expect(figures).toEqual({
      B200: [2250, 1100, 75, 180],
      H200: [989, 494, 67, 141],
      'H100-SXM': [989, 494, 67, 80],
      'H100-PCIe': [756, 378, 51, 80],
      'A100-80GB': [312, 156, 19.5, 80],
      'A100-40GB': [312, 156, 19.5, 40],
      L40S: [362, 183, 91.6, 48],
      'RTX-4090': [165, 82.6, 82.6, 24],
      'RTX-3090': [71, 35.6, 35.6, 24],
      'RTX-A6000': [155, 77.4, 38.7, 48],
      V100: [125, 15.7, 15.7, 32],
    });
    expect(gpuClass('CPU').fixedBand).toEqual([0.00001, 10]);
    expect(() => gpuClass('MI300X' as GpuClassId)).toThrow(InvalidParamsError);
  });
});

describe('bands', () => {
  it('is datasheet × derate ± 25%', () => {
    expect(DERATE).toEqual({ fp16: 0.7, tf32: 0.7, fp32: 0.85 });
    const h100 = classBand('H100-SXM', 'fp16');
    expect(h100.expected).toBeCloseTo(692.3, 10);
    expect(h100.low).toBeCloseTo(519.225, 10);
    expect(h100.high).toBeCloseTo(865.375, 10);
    const a100 = classBand('A100-40GB', 'fp32', { tolerance: 0.1 });
    expect(a100.expected).toBeCloseTo(16.575, 10);
    expect(a100.low).toBeCloseTo(14.9175, 10);
    expect(a100.high).toBeCloseTo(18.2325, 10);
    const v100 = classBand('V100', 'tf32', { derate: { fp16: 1, tf32: 1, fp32: 1 }, tolerance: 0.5 });
    expect(v100.expected).toBe(15.7);
    expect(v100.low).toBeCloseTo(7.85, 12);
    expect(v100.high).toBeCloseTo(23.55, 12);
    expect(classBand('CPU', 'fp16')).toEqual({ low: 0.00001, expected: Math.sqrt(0.00001 * 10), high: 10 });
  });

  it('refuses tolerances and derates out of range', () => {
    expect(() => classBand('B200', 'fp16', { tolerance: 0 })).toThrow(InvalidParamsError);
    expect(() => classBand('B200', 'fp16', { tolerance: 1 })).toThrow(InvalidParamsError);
    expect(() => classBand('B200', 'fp16', { derate: { ...DERATE, fp16: 1.5 } })).toThrow(InvalidParamsError);
  });
});

describe('identifyClass at each class’s own expected figure', () => {
  // Each class is identified as itself, except where two classes have the same compute and
  // tie exactly (H200 = H100 SXM, A100 40GB = 80GB): the tie goes to the lower tier, then to
  // catalogue order.
  const tiedTo: Partial<Record<GpuClassId, GpuClassId>> = { H200: 'H100-SXM', 'A100-40GB': 'A100-80GB' };

  for (const datapath of ['fp16', 'tf32'] as const) {
    it.each(GPU_CLASS_IDS.map((id) => [id]))(`${datapath}: %s`, (id) => {
      const r = identifyClass(classBand(id, datapath).expected, datapath);
      expect(r.candidates).toContain(id);
      expect(r.class).toBe(tiedTo[id] ?? id);
      expect(classBand(r.class as GpuClassId, datapath).expected).toBeCloseTo(classBand(id, datapath).expected, 9);
      expect(r.implausible).toBe(false);
      expect(r.claimConsistent).toBe(false);
    });
  }

  it('orders candidates by fit, exact ties by tier', () => {
    // 529.2 is H100 PCIe's expected fp16 rate; H100 SXM and H200 (692.3) tie, the lower tier first.
    expect(identifyClass(529.2, 'fp16').candidates).toEqual(['H100-PCIe', 'H100-SXM', 'H200']);
    // 108.5 is the A6000's; the 4090 (115.5) is nearer in log space than the V100 (87.5).
    expect(identifyClass(108.5, 'fp16').candidates).toEqual(['RTX-A6000', 'RTX-4090', 'V100']);
    expect(identifyClass(115.5, 'fp16').candidates).toEqual(['RTX-4090', 'RTX-A6000']);
    expect(identifyClass(1575, 'fp16').reason).toBe('1575 TFLOP/s on fp16 fits B200; no device claimed');
  });

  it('separates more classes with a narrower band', () => {
    expect(identifyClass(529.2, 'fp16', undefined, { tolerance: 0.05 }).candidates).toEqual(['H100-PCIe']);
    expect(identifyClass(218.4, 'fp16', undefined, { tolerance: 0.05 }).class).toBe('A100-80GB');
  });
});

describe('claims', () => {
  it('maps nvidia-smi names', () => {
    const names: Record<string, GpuClassId> = {
      'NVIDIA B200': 'B200',
      'NVIDIA H200': 'H200',
      'NVIDIA H100 80GB HBM3': 'H100-SXM',
      'NVIDIA H100 PCIe': 'H100-PCIe',
      'NVIDIA A100-SXM4-80GB': 'A100-80GB',
      'NVIDIA A100 80GB PCIe': 'A100-80GB',
      'NVIDIA A100-SXM4-40GB': 'A100-40GB',
      'NVIDIA A100-PCIE-40GB': 'A100-40GB',
      'NVIDIA L40S': 'L40S',
      'NVIDIA GeForce RTX 4090': 'RTX-4090',
      'NVIDIA GeForce RTX 3090': 'RTX-3090',
      'NVIDIA RTX A6000': 'RTX-A6000',
      'Tesla V100-SXM2-32GB': 'V100',
      ' nvidia  a100 sxm4 80gb ': 'A100-80GB',
      cpu: 'CPU',
    };
    for (const [name, id] of Object.entries(names)) expect([name, classForName(name)]).toEqual([name, id]);
    expect(classForName('NVIDIA H100')).toBeUndefined();
    expect(classForName('AMD Instinct MI300X')).toBeUndefined();
  });

  it('reports the claim but scores the lower tier of two indistinguishable classes', () => {
    const r = identifyClass(700, 'fp16', 'NVIDIA H200');
    expect(r).toMatchObject({ class: 'H100-SXM', claimed: 'H200', claimConsistent: true, candidates: ['H100-SXM', 'H200'] });
    expect(r.reason).toBe('700 TFLOP/s on fp16 fits H100-SXM (best fit of H100-SXM, H200); claimed H200 is consistent');
  });

  it('flags claims the measurement contradicts or the catalogue lacks', () => {
    const slow = identifyClass(120, 'fp16', 'NVIDIA H100 80GB HBM3');
    expect(slow).toMatchObject({ class: 'RTX-4090', claimed: 'H100-SXM', claimConsistent: false });
    expect(slow.reason).toContain('claimed H100-SXM is inconsistent with the measurement');
    const foreign = identifyClass(700, 'fp16', 'AMD Instinct MI300X');
    expect(foreign.claimed).toBeUndefined();
    expect(foreign.claimConsistent).toBe(false);
    expect(foreign.reason).toContain('claimed device "AMD Instinct MI300X" is not in the catalogue');
  });
});

describe('unknown and implausible measurements', () => {
  it('flags throughput above every band as implausible', () => {
    const r = identifyClass(5000, 'fp16', 'NVIDIA B200');
    expect(r).toMatchObject({ class: 'unknown', candidates: [], nearest: 'B200', implausible: true, claimed: 'B200', claimConsistent: false });
    expect(r.reason).toBe('5000 TFLOP/s on fp16 is above every catalogued band (implausible); claimed B200 is inconsistent with the measurement');
    expect(identifyClass(1000, 'tf32').implausible).toBe(true);
  });

  it('names the nearest band for a measurement in a gap', () => {
    // Between CPU (≤ 10) and RTX 3090 (≥ 37.3): log(37.3/25) < log(25/10).
    const r = identifyClass(25, 'fp16');
    expect(r).toMatchObject({ class: 'unknown', candidates: [], nearest: 'RTX-3090', implausible: false });
    expect(r.reason).toBe('25 TFLOP/s on fp16 fits no catalogued band; nearest is RTX-3090; no device claimed');
    expect(identifyClass(14, 'fp16').nearest).toBe('CPU');
    expect(identifyClass(0, 'fp16')).toMatchObject({ class: 'unknown', nearest: 'CPU', implausible: false });
  });

  it('refuses measurements that are not finite non-negative numbers', () => {
    expect(() => identifyClass(-1, 'fp16')).toThrow(InvalidParamsError);
    expect(() => identifyClass(Number.NaN, 'fp16')).toThrow(InvalidParamsError);
    expect(() => identifyClass(Number.POSITIVE_INFINITY, 'fp16')).toThrow(InvalidParamsError);
  });
});

describe('tier factors', () => {
  it('weighs newer tiers more and unknown not at all', () => {
    expect(TIER_FACTORS).toEqual({
      B200: 1.25,
      H200: 1.15,
      'H100-SXM': 1.1,
      'H100-PCIe': 1.0,
      'A100-80GB': 0.85,
      'A100-40GB': 0.85,
      L40S: 0.8,
      'RTX-A6000': 0.7,
      'RTX-4090': 0.7,
      'RTX-3090': 0.55,
      V100: 0.5,
      CPU: 0.1,
      unknown: 0,
    });
    expect(tierFactor('unknown')).toBe(0);
    for (const id of GPU_CLASS_IDS) expect(tierFactor(id)).toBeGreaterThan(0);
  });
});
