import {
  auditResponseBytesFor,
  base64ToFloat32,
  bytesToHex,
  decodeOpening,
  encodeOpening,
  float32ToBase64,
  hexToBytes,
  isCanonicalBase64,
  MAX_AUDIT_RESPONSE_BYTES,
  MAX_OPENING_BASE64_CHARS,
  MessageValidationError,
  parseMessage,
  serialiseMessage,
} from '../../../src/pog/schemas';
import { buildCommitment, openLeaf, verifyOpening } from '../../../src/pog/commitment';
import { PRESETS } from '../../../src/pog/workload';

describe('hex', () => {
  it('round-trips bytes as lowercase hex', () => {
    const bytes = Uint8Array.of(0, 1, 0xab, 0xff);
    expect(bytesToHex(bytes)).toBe('0001abff');
    expect(bytesToHex(bytes.subarray(2))).toBe('abff');
    expect(Array.from(hexToBytes('0001abff'))).toEqual([0, 1, 0xab, 0xff]);
    expect(Array.from(hexToBytes('abff', 2))).toEqual([0xab, 0xff]);
  });

  it('refuses uppercase, odd lengths, stray characters and wrong sizes', () => {
    expect(() => hexToBytes('ABFF')).toThrow(MessageValidationError);
    expect(() => hexToBytes('abf')).toThrow('even number of lowercase hex digits');
    expect(() => hexToBytes('0x01')).toThrow(MessageValidationError);
    for (const lenient of ['aBff', 'ab ff', 'abfg', 'ab\n', ' abff']) expect(() => hexToBytes(lenient)).toThrow('even number of lowercase hex digits');
    expect(() => hexToBytes('abff', 32)).toThrow('exactly 32 bytes, got 2');
  });
});

describe('float32 base64', () => {
  it('encodes little-endian bytes', () => {
    // 1 = 0x3f800000, −2 = 0xc0000000, written 00 00 80 3f 00 00 00 c0.
    expect(float32ToBase64(Float32Array.of(1, -2))).toBe('AACAPwAAAMA=');
    expect(Array.from(base64ToFloat32('AACAPwAAAMA='))).toEqual([1, -2]);
  });

  it('round-trips every bit pattern it is given', () => {
    const values = Float32Array.of(0, -0, 65504, 1e-45, -3.4e38, Number.POSITIVE_INFINITY, Number.NaN);
    const back = base64ToFloat32(float32ToBase64(values));
    expect(Buffer.from(back.buffer).equals(Buffer.from(values.buffer))).toBe(true);
  });

  it('accepts only canonical padded base64 of whole values', () => {
    expect(isCanonicalBase64('AAAAAA==')).toBe(true);
    expect(isCanonicalBase64('AAAAAB==')).toBe(false);
    expect(isCanonicalBase64('AAAAAAA=')).toBe(true);
    expect(isCanonicalBase64('AAAAAAB=')).toBe(false);
    expect(isCanonicalBase64('AAAA====')).toBe(false);
    expect(isCanonicalBase64('AA-_')).toBe(false);
    // what Buffer's lenient decoder would take: no padding, whitespace, URL-safe letters, stray characters
    for (const lenient of ['AAAAAA', 'AAAA AAAA', 'AAAA\n', '_-AA', 'AAA=AAAA', 'AAAA*', '=AAA']) expect(isCanonicalBase64(lenient)).toBe(false);
    expect(isCanonicalBase64('')).toBe(true);
    expect(isCanonicalBase64(float32ToBase64(Float32Array.of(1, -2, 3.5)))).toBe(true);
    expect(() => base64ToFloat32('AAAAAB==')).toThrow(MessageValidationError);
    expect(() => base64ToFloat32('AAAAAAA=')).toThrow('whole number of 4-byte values');
  });
});

describe('openings on the wire', () => {
  const shape = { rows: 4096, headWidth: 32, rowsPerLeaf: 64 };
  const id = Uint8Array.from({ length: 32 }, (_, i) => i * 3);
  const output = Float32Array.from({ length: shape.rows * shape.headWidth }, (_, i) => Math.cos(i) * 7);
  const tree = buildCommitment(id, output, shape);

  it('survive an audit response round trip and still verify', () => {
    const openings = Array.from({ length: 64 }, (_, i) => openLeaf(tree, i));
    const raw = serialiseMessage('auditResponse', { version: 1, challengeId: bytesToHex(id), openings: openings.map(encodeOpening) });
    expect(raw.length).toBeLessThanOrEqual(auditResponseBytesFor({ ...shape, auditRows: 64 }));
    const parsed = parseMessage('auditResponse', raw);
    for (const wire of parsed.openings) {
      const opening = decodeOpening(wire);
      expect(verifyOpening(tree.root, id, shape, opening)).toBe(true);
    }
  });

  it('keeps the gpu preset well inside the response bound, and the largest leaf inside the row bound', () => {
    expect(auditResponseBytesFor(PRESETS.gpu)).toBeLessThan(MAX_AUDIT_RESPONSE_BYTES / 8);
    expect(MAX_OPENING_BASE64_CHARS).toBe(1398104);
  });
});
