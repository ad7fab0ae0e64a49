import { ProtoWriter } from '../../../src/pog/onnx';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('ProtoWriter', () => {
  test('varint fields use the protobuf base-128 encoding', () => {
    expect(hex(new ProtoWriter().int64(1, 0).finish())).toBe('0800');
    expect(hex(new ProtoWriter().int64(1, 150).finish())).toBe('089601');
    expect(hex(new ProtoWriter().int64(2, 300).finish())).toBe('10ac02');
    // 2³² + 1 takes five bytes; field 20 (AttributeProto.type) takes a two-byte tag.
    expect(hex(new ProtoWriter().int64(1, 2 ** 32 + 1).finish())).toBe('088180808010');
    expect(hex(new ProtoWriter().int64(20, 7).finish())).toBe('a00107');
  });

  test('negative varints are ten-byte two’s complement', () => {
    expect(hex(new ProtoWriter().int64(1, -1).finish())).toBe('08ffffffffffffffffff01');
    expect(hex(new ProtoWriter().int64(1, -2).finish())).toBe('08feffffffffffffffff01');
  });

  test('floats are little-endian fixed32', () => {
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('150000803f');
    expect(hex(new ProtoWriter().float(2, -0.5).finish())).toBe('15000000bf');
  });

  test('strings, bytes and nested messages are length-delimited', () => {
    expect(hex(new ProtoWriter().string(1, 'Y').finish())).toBe('0a0159');
    expect(hex(new ProtoWriter().bytes(9, Uint8Array.of(1, 2, 3)).finish())).toBe('4a03010203');
    const nested = new ProtoWriter().message(7, (m) => m.int64(1, 1).string(2, 'ab')).finish();
    expect(hex(nested)).toBe('3a06080112026162');
  });

  test('grows past its initial buffer', () => {
    const big = new Uint8Array(100_000).map((_, i) => i & 0xff);
    const out = new ProtoWriter().int64(1, 5).bytes(2, big).finish();
    expect(out.length).toBe(2 + 1 + 3 + big.length);
    expect(Buffer.from(out.subarray(6)).equals(Buffer.from(big))).toBe(true);
  });

  test('rejects values that are not safe integers', () => {
    expect(() => new ProtoWriter().int64(1, 0.5)).toThrow(RangeError);
    expect(() => new ProtoWriter().int64(1, 2 ** 60)).toThrow(RangeError);
  });
});
