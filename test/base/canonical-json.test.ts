import { canonicalJson } from '../../src/base';

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined fields and writes bigints as decimal strings', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, n: 12345678901234567890n })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1,"n":"12345678901234567890"}',
    );
  });

  it('throws on NaN and Infinity by default, and writes null when asked', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/no form for Infinity/);
    expect(canonicalJson({ x: Number.NaN, y: [Number.NEGATIVE_INFINITY] }, { nonFinite: 'null' })).toBe('{"x":null,"y":[null]}');
  });
});
