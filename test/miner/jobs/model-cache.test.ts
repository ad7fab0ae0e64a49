import { ModelCache, type CachedModel } from '../../../src/miner';

const model = (hash: string, owner: string, bytes: number): CachedModel => ({ hash, owner, bytes: new Uint8Array(bytes), inputNames: ['X'], outputNames: ['Y'] });

describe('ModelCache: bytes-bounded, least recently used first, fair between uploaders', () => {
  it('keeps the total and each uploader under their bounds', () => {
    const cache = new ModelCache(1000, 600);
    cache.add(model('a1', 'A', 300));
    cache.add(model('a2', 'A', 300));
    expect(cache.add(model('a3', 'A', 300))).toEqual(['a1']);
    expect(cache.bytesOf('A')).toBe(600);
    expect(cache.has('a1')).toBe(false);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
  });

  it("makes room from the largest holder, so one validator's uploads cannot push out another's", () => {
    const cache = new ModelCache(1000, 600);
    cache.add(model('b1', 'B', 300));
    cache.add(model('a1', 'A', 300));
    cache.add(model('a2', 'A', 300));
    // Full at 900; C's 300 needs 200 more: A holds most, so A's oldest goes, B's older model stays.
    expect(cache.add(model('c1', 'C', 300))).toEqual(['a1']);
    expect(cache.has('b1')).toBe(true);
    expect(cache.bytesOf('A')).toBe(300);
  });

  it('evicts the least recently used of an uploader: get() refreshes', () => {
    const cache = new ModelCache(10_000, 600);
    cache.add(model('a1', 'A', 300));
    cache.add(model('a2', 'A', 300));
    cache.get('a1');
    expect(cache.add(model('a3', 'A', 300))).toEqual(['a2']);
  });

  it('refuses a model larger than a share and ignores one already held', () => {
    const cache = new ModelCache(1000, 600);
    expect(cache.fits(601)).toBe(false);
    expect(() => cache.add(model('x', 'A', 601))).toThrow(RangeError);
    cache.add(model('a1', 'A', 100));
    expect(cache.add(model('a1', 'B', 100))).toEqual([]);
    expect(cache.bytesOf('B')).toBe(0);
    expect(cache.size).toBe(1);
  });
});
