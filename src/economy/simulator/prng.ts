import { InvalidEconomyInputError } from '../errors';

/**
 * A small seeded pseudo-random source: mulberry32 for uniforms, Box–Muller for normals. It is
 * for the model's market noise only (never for anything security-relevant); its point is that a
 * simulation is reproducible from one 32-bit seed.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new InvalidEconomyInputError('a simulation seed must be an integer in 0..2³²−1', { seed });
    }
    this.state = seed >>> 0;
  }

  /** mulberry32: a uniform double in [0, 1) with 32 bits of resolution. */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 0x100000000;
  }

  /** A standard normal draw (Box–Muller, cosine branch; two uniforms per draw). */
  normal(): number {
    const u1 = 1 - this.uniform(); // (0, 1]: the logarithm stays finite
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The number of successes in `trials` independent Bernoulli(p) draws. */
  binomial(trials: number, p: number): number {
    let successes = 0;
    for (let i = 0; i < trials; i++) if (this.uniform() < p) successes++;
    return successes;
  }
}
