import { createHash, randomBytes } from 'node:crypto';
import { InvalidParamsError, PogError } from '../../../src/pog/errors';
import { chooseAuditRows, leavesForRows, RandomU32Source, type RandomBytes } from '../../../src/pog/audit';

/** A deterministic byte stream: SHA-256(label ‖ u32be(counter)) blocks, so tests never flake. */
function hashStream(label: string): RandomBytes {
  let counter = 0;
  return (size) => {
    const out = Buffer.alloc(size);
    for (let o = 0; o < size; o += 32) {
      const block = createHash('sha256').update(label).update(Buffer.from(Uint32Array.of(counter++).buffer)).digest();
      block.copy(out, o, 0, Math.min(32, size - o));
    }
    return out;
  };
}

/** Feeds the given u32 words big-endian, in whatever batch sizes are asked for. */
function wordStream(words: number[]): RandomBytes {
  let i = 0;
  return (size) => {
    const out = Buffer.alloc(size);
    for (let o = 0; o < size; o += 4) out.writeUInt32BE(words[i++] ?? 0, o);
    return out;
  };
}

/** Pearson's χ² of observed counts against equal expected counts. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

describe('chooseAuditRows', () => {
  it('returns k sorted distinct rows in range', () => {
    const rand = hashStream('range');
    for (const [rows, k] of [[16, 1], [16, 8], [16, 16], [1024, 64], [1 << 20, 64], [1 << 22, 512], [100, 99]] as const) {
      for (let trial = 0; trial < 20; trial++) {
        const chosen = chooseAuditRows(rows, k, rand);
        expect(chosen).toHaveLength(k);
        expect(new Set(chosen).size).toBe(k);
        chosen.forEach((r, i) => {
          expect(Number.isInteger(r) && r >= 0 && r < rows).toBe(true);
          if (i > 0) expect(r).toBeGreaterThan(chosen[i - 1]!);
        });
      }
    }
    expect(chooseAuditRows(5, 5, rand)).toEqual([0, 1, 2, 3, 4]);
    expect(chooseAuditRows(5, 0, rand)).toEqual([]);
  });

  it('uses node:crypto by default', () => {
    const chosen = chooseAuditRows(1 << 20, 64);
    expect(new Set(chosen).size).toBe(64);
  });

  it('rejects the draw that would bias the modulo and redraws', () => {
    // rows 3, k 1: one draw below 3. 2³² mod 3 = 1, so 0xFFFFFFFF is the single rejected value;
    // a plain modulo would map it to row 0.
    expect(chooseAuditRows(3, 1, wordStream([0xffffffff, 5]))).toEqual([2]);
    expect(chooseAuditRows(3, 1, wordStream([0xfffffffe]))).toEqual([0xfffffffe % 3]);
  });

  it('draws each k-subset equally often (χ², deterministic stream)', () => {
    const counts = subsetCounts(hashStream('subsets'), 20000);
    // 20 subsets → 19 degrees of freedom; χ² > 50 has probability ≈ 1e-4. A sampler that
    // favours low rows (the classic partial Fisher–Yates or modulo mistakes) lands in the thousands.
    expect(chiSquare(counts)).toBeLessThan(50);
  });

  it('draws each k-subset equally often (χ², node:crypto)', () => {
    expect(chiSquare(subsetCounts(randomBytes, 20000))).toBeLessThan(60);
  });

  it('draws every row equally often with a rejection-heavy bound (χ²)', () => {
    for (const rand of [hashStream('marginal'), randomBytes as RandomBytes]) {
      const rows = 37;
      const counts = new Array<number>(rows).fill(0);
      for (let t = 0; t < 10000; t++) for (const r of chooseAuditRows(rows, 7, rand)) counts[r]!++;
      // 36 degrees of freedom; χ² > 80 has probability ≈ 3e-5.
      expect(chiSquare(counts)).toBeLessThan(80);
    }
  });

  it('refuses bad arguments and short random sources', () => {
    expect(() => chooseAuditRows(0, 0)).toThrow(InvalidParamsError);
    expect(() => chooseAuditRows(16, 17)).toThrow(InvalidParamsError);
    expect(() => chooseAuditRows(16, -1)).toThrow(InvalidParamsError);
    expect(() => chooseAuditRows(16.5, 1)).toThrow(InvalidParamsError);
    expect(() => chooseAuditRows(16, 4, () => new Uint8Array(3))).toThrow(PogError);
  });
});

function subsetCounts(rand: RandomBytes, draws: number): number[] {
  // All 3-subsets of 6 rows, indexed by their bit mask.
  const index = new Map<number, number>();
  for (let mask = 0; mask < 64; mask++) if (popcount(mask) === 3) index.set(mask, index.size);
  const counts = new Array<number>(index.size).fill(0);
  for (let t = 0; t < draws; t++) {
    const mask = chooseAuditRows(6, 3, rand).reduce((m, r) => m | (1 << r), 0);
    counts[index.get(mask)!]!++;
  }
  return counts;
}

function popcount(v: number): number {
  let c = 0;
  for (; v; v &= v - 1) c++;
  return c;
}

describe('RandomU32Source', () => {
  it('reads big-endian words and bounds them', () => {
    const source = new RandomU32Source(wordStream([0x01020304, 0xffffffff, 10]), 1);
    expect(source.next()).toBe(0x01020304);
    expect(source.next()).toBe(0xffffffff);
    expect(source.below(2 ** 32)).toBe(10);
    expect(() => source.below(0)).toThrow(PogError);
  });
});

describe('leavesForRows', () => {
  it('maps rows to distinct sorted leaves', () => {
    expect(leavesForRows([63, 5, 0, 3, 4], 4)).toEqual([0, 1, 15]);
    expect(leavesForRows([7, 7, 2], 1)).toEqual([2, 7]);
    expect(leavesForRows([], 8)).toEqual([]);
  });

  it('refuses bad arguments', () => {
    expect(() => leavesForRows([1], 3)).toThrow(InvalidParamsError);
    expect(() => leavesForRows([-1], 4)).toThrow(InvalidParamsError);
    expect(() => leavesForRows([1.5], 4)).toThrow(InvalidParamsError);
  });
});
