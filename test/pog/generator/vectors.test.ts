import { deriveStreamKey, generateU32, GENERATOR_ROUNDS, layerSequence, STREAM_KEY_WORDS, streamKeyWords, u32ToFp16Value, u32ToFp32Value } from '../../../src/pog/generator';

// Spec test vectors (docs/pog.md, "Generator"): seed = bytes 0x00..0x1f. The same words come out
// of bench/gpu/pog_calibration.py --self-test, an independent implementation in Python.
const SEED = Uint8Array.from({ length: 32 }, (_, i) => i);
const INDICES = [0, 1, 2, 3, 1000, 2 ** 31 + 7, 2 ** 32 - 1];
const VECTORS: Record<string, [number, number[]]> = {
  input: [1, [675993837, 4083824053, 1472232724, 786497648, 1508921022, 912763270, 648617605]],
  head: [2, [3147554629, 3640588278, 858369033, 506642896, 2304694565, 3260223596, 1056662657]],
  sequence: [3, [3573242000, 340614599, 3877564880, 3473044946, 4124610064, 1099370570, 4155343611]],
  pool0: [0x100, [4223643441, 2874668127, 1013851088, 2164648903, 555685982, 1180108284, 3268451264]],
};

describe('generator test vectors', () => {
  it.each(Object.entries(VECTORS))('stream %s', (_name, [stream, expected]) => {
    const key = deriveStreamKey(SEED, stream);
    expect(INDICES.map((i) => generateU32(key, i))).toEqual(expected);
  });

  it('derives the layer sequence', () => {
    expect(layerSequence(SEED, 16, 16)).toEqual([0, 7, 0, 2, 13, 6, 15, 13, 11, 1, 8, 10, 3, 4, 7, 4]);
  });

  it('exposes the key schedule as STREAM_KEY_WORDS words with an odd multiplier', () => {
    const words = streamKeyWords(deriveStreamKey(SEED, 1));
    expect(words).toHaveLength(STREAM_KEY_WORDS);
    expect(STREAM_KEY_WORDS).toBe(2 + GENERATOR_ROUNDS);
    expect(words[0]! % 2).toBe(1);
  });

  it('maps words to exact values in [-1, 1)', () => {
    expect(u32ToFp32Value(0)).toBe(-1);
    expect(u32ToFp32Value(0xffffffff)).toBe(1 - 2 ** -23);
    expect(u32ToFp32Value(0x80000000)).toBe(0);
    expect(u32ToFp16Value(0)).toBe(-1);
    expect(u32ToFp16Value(0xffffffff)).toBe(1 - 2 ** -10);
    expect(Math.fround(u32ToFp32Value(0x12345678))).toBe(u32ToFp32Value(0x12345678));
  });

  it('rejects seeds that are not 32 bytes and streams that are not u32', () => {
    expect(() => deriveStreamKey(new Uint8Array(31), 1)).toThrow('exactly 32 bytes');
    expect(() => deriveStreamKey(SEED, -1)).toThrow('u32');
    expect(() => deriveStreamKey(SEED, 2 ** 32)).toThrow('u32');
  });

  it('depends on every seed byte', () => {
    const base = generateU32(deriveStreamKey(SEED, 1), 0);
    for (let b = 0; b < 32; b++) {
      const flipped = SEED.slice();
      flipped[b]! ^= 1;
      expect(generateU32(deriveStreamKey(flipped, 1), 0)).not.toBe(base);
    }
  });
});

describe('generator is a bijection on indices', () => {
  it('never repeats a word over 2^18 consecutive indices', () => {
    const key = deriveStreamKey(SEED, 0x101);
    const seen = new Set<number>();
    for (let i = 0; i < 1 << 18; i++) seen.add(generateU32(key, i));
    expect(seen.size).toBe(1 << 18);
  });
});
