import { InvalidEconomyInputError, SeededRandom } from '../../src/economy';

describe('SeededRandom', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const rng = new SeededRandom(seed);
      return Array.from({ length: 8 }, () => rng.uniform());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('matches the mulberry32 reference output', () => {
    // mulberry32(0): the first outputs of the published reference implementation, × 2³².
    const rng = new SeededRandom(0);
    expect([rng.uniform(), rng.uniform(), rng.uniform()].map((u) => u * 2 ** 32)).toEqual([1144304738, 1416247, 958946056]);
  });

  it('draws uniforms in [0, 1) and standard normals with mean 0 and variance 1', () => {
    const rng = new SeededRandom(7);
    const n = 100_000;
    let mean = 0;
    let square = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      const z = rng.normal();
      mean += z / n;
      square += (z * z) / n;
    }
    expect(Math.abs(mean)).toBeLessThan(0.015); // 4.7σ of the sample mean
    expect(Math.abs(square - 1)).toBeLessThan(0.03);
  });

  it('counts binomial successes within 0..trials, near trials·p', () => {
    const rng = new SeededRandom(3);
    expect(rng.binomial(100, 0)).toBe(0);
    expect(rng.binomial(100, 1)).toBe(100);
    const k = rng.binomial(100_000, 0.25);
    expect(Math.abs(k - 25_000)).toBeLessThan(600); // ≈ 4.4σ
  });

  it('rejects seeds outside 32 bits', () => {
    expect(() => new SeededRandom(-1)).toThrow(InvalidEconomyInputError);
    expect(() => new SeededRandom(2 ** 32)).toThrow(InvalidEconomyInputError);
    expect(() => new SeededRandom(1.5)).toThrow(InvalidEconomyInputError);
  });
});
