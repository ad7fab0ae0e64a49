import { DEFAULT_DECAY_SCHEDULE, DEFAULT_TIER_TABLE, UnknownTierError, YEAR_MS, tierDecay, tierEmissionFactor, tierFactorTable, tierScaledScore } from '../../../src/economy';
import { GPU_CLASSES } from '../../../src/pog/catalogue/gpu-classes';
import { TIER_FACTORS } from '../../../src/pog/catalogue/tiers';

const at = (iso: string) => ({ nowMs: Date.parse(iso) });
const launch = (id: string) => Date.parse(`${DEFAULT_TIER_TABLE.find((t) => t.id === id)!.launched!}T00:00:00Z`);

describe('emission scaling by GPU tier', () => {
  it('copies the PoG catalogue: the same tiers, base weights and launch years', () => {
    // The economy cannot import src/pog; this test (which may) keeps the copy honest.
    expect(Object.fromEntries(DEFAULT_TIER_TABLE.map((t) => [t.id, t.base]))).toEqual(TIER_FACTORS);
    for (const c of GPU_CLASSES) {
      const tier = DEFAULT_TIER_TABLE.find((t) => t.id === c.id)!;
      expect(tier.launched).toBe(c.year === undefined ? null : `${c.year}-01-01`);
    }
  });

  it('gives a tier its full base weight until the grace period ends', () => {
    expect(tierEmissionFactor('B200', at('2024-01-01T00:00:00Z'))).toBe(1.25);
    expect(tierEmissionFactor('B200', { nowMs: launch('B200') + DEFAULT_DECAY_SCHEDULE.graceMs })).toBe(1.25);
    expect(tierEmissionFactor('H100-SXM', { nowMs: launch('H100-SXM') + 3 * YEAR_MS })).toBe(1.1);
    expect(tierEmissionFactor('CPU', at('2099-01-01T00:00:00Z'))).toBe(0.1);
    expect(tierEmissionFactor('unknown', at('2026-01-01T00:00:00Z'))).toBe(0);
  });

  it('halves every half-life after the grace period (exact values)', () => {
    const start = launch('A100-80GB') + DEFAULT_DECAY_SCHEDULE.graceMs;
    const h = DEFAULT_DECAY_SCHEDULE.halfLifeMs;
    expect(tierEmissionFactor('A100-80GB', { nowMs: start + h })).toBe(0.425);
    expect(tierEmissionFactor('A100-80GB', { nowMs: start + 2 * h })).toBe(0.2125);
    expect(tierEmissionFactor('A100-80GB', { nowMs: start + h / 2 })).toBeCloseTo(0.85 / Math.SQRT2, 15);
    expect(tierEmissionFactor('V100', { nowMs: launch('V100') + 3 * YEAR_MS + 4 * YEAR_MS })).toBe(0.125);
    for (let k = 0; k < 6; k++) expect(tierDecay(0, DEFAULT_DECAY_SCHEDULE.graceMs + k * h)).toBe(2 ** -k);
    // On 2026-07-01 (a point in time every validator can agree on).
    expect(tierEmissionFactor('H100-SXM', at('2026-07-01T00:00:00Z'))).toBeCloseTo(1.1 * 2 ** -((Date.parse('2026-07-01T00:00:00Z') - Date.parse('2022-01-01T00:00:00Z') - 3 * YEAR_MS) / (2 * YEAR_MS)), 15);
  });

  it('takes an epoch on a clock as well as a time', () => {
    const epochMs = 72 * 60 * 1000; // 360 blocks of 12 s
    const epochZeroMs = launch('H200');
    const epoch = Math.ceil((DEFAULT_DECAY_SCHEDULE.graceMs + DEFAULT_DECAY_SCHEDULE.halfLifeMs) / epochMs);
    expect(tierEmissionFactor('H200', { epoch, epochZeroMs, epochMs })).toBe(tierEmissionFactor('H200', { nowMs: epochZeroMs + epoch * epochMs }));
    expect(tierEmissionFactor('H200', { epoch, epochZeroMs, epochMs })).toBeLessThan(0.575 + 1e-9);
  });

  it('is monotone: never rises with time, and a tier that is both newer and higher never weighs less', () => {
    const times = Array.from({ length: 40 }, (_, i) => Date.parse('2016-01-01T00:00:00Z') + i * 0.37 * YEAR_MS);
    for (const tier of DEFAULT_TIER_TABLE) {
      const values = times.map((nowMs) => tierEmissionFactor(tier.id, { nowMs }));
      for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
    }
    for (const a of DEFAULT_TIER_TABLE) {
      for (const b of DEFAULT_TIER_TABLE) {
        const newer = a.launched === null ? b.launched === null : b.launched !== null && a.launched >= b.launched;
        if (a.base >= b.base && newer) for (const nowMs of times) expect(tierEmissionFactor(a.id, { nowMs })).toBeGreaterThanOrEqual(tierEmissionFactor(b.id, { nowMs }));
      }
    }
    // Today's ranking starts with the newest generation.
    expect(tierFactorTable(at('2026-06-01T00:00:00Z')).slice(0, 2).map((r) => r.tier)).toEqual(['B200', 'H200']);
    // Older generations fall behind newer, lower-based ones once they decay.
    expect(tierEmissionFactor('L40S', at('2030-01-01T00:00:00Z'))).toBeGreaterThan(tierEmissionFactor('A100-80GB', at('2030-01-01T00:00:00Z')));
  });

  it('scales a score, takes another table and schedule, and refuses bad input', () => {
    expect(tierScaledScore(200, 'H100-PCIe', at('2023-01-01T00:00:00Z'))).toBe(200);
    const table = [{ id: 'X1', base: 2, launched: '2020-01-01' }];
    const schedule = { graceMs: 0, halfLifeMs: YEAR_MS };
    expect(tierEmissionFactor('X1', { nowMs: Date.parse('2020-01-01T00:00:00Z') + YEAR_MS }, { table, schedule })).toBe(1);
    expect(() => tierEmissionFactor('H100-SXM', at('2026-01-01T00:00:00Z'), { table })).toThrow(UnknownTierError);
    expect(() => tierEmissionFactor('RTX 4090', at('2026-01-01T00:00:00Z'))).toThrow(/unknown GPU tier "RTX 4090"/);
    expect(() => tierEmissionFactor('B200', { nowMs: Number.NaN })).toThrow(/finite/);
    expect(() => tierEmissionFactor('B200', at('2030-01-01T00:00:00Z'), { schedule: { graceMs: 0, halfLifeMs: 0 } })).toThrow(/half-life/);
    expect(() => tierScaledScore(-1, 'B200', at('2026-01-01T00:00:00Z'))).toThrow(/non-negative/);
  });
});
