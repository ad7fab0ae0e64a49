import { blake2AsU8a } from '@polkadot/util-crypto';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import {
  accountIdBytes,
  chainMaxUpscaleU16,
  checkVecMaxLimited,
  checkWeights,
  commitHashV2,
  commitPayloadV2,
  convertWeightsAndUidsForEmit,
  encodeCompact,
  encodeU64,
  encodeVecU16,
  mechanismStorageIndex,
  normalizeMaxWeight,
  pythonRound,
  randomSalt,
  type CheckWeightsInput,
  type CommitHashInput,
} from '../../../src/chain/weights';

describe('pythonRound (round half to even)', () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [6553.5, 6554],
    [19660.5, 19660],
    [32767.5, 32768],
    [2.4999, 2],
    [2.5001, 3],
    [7, 7],
  ])('round(%p) = %p', (x, r) => expect(pythonRound(x)).toBe(r));
});

describe('convertWeightsAndUidsForEmit', () => {
  it('max-upscales to u16 and drops zeros', () => {
    // 0.1*65535 = 6553.5 → 6554 (6553 is odd); 0.5*65535 = 32767.5 → 32768; 1 → 65535; 0 dropped
    expect(convertWeightsAndUidsForEmit([0, 1, 2, 3], [0.1, 0.5, 0, 1])).toEqual({
      uids: [0, 1, 3],
      weights: [6554, 32768, 65535],
    });
  });

  it('divides by the max first', () => {
    // 1/4 → 16383.75 → 16384; 2/4 → 32767.5 → 32768; 3/4 → 49151.25 → 49151
    expect(convertWeightsAndUidsForEmit([5, 6, 7, 8], [1, 2, 3, 4])).toEqual({
      uids: [5, 6, 7, 8],
      weights: [16384, 32768, 49151, 65535],
    });
    expect(convertWeightsAndUidsForEmit([0, 1], [1, 3])).toEqual({ uids: [0, 1], weights: [21845, 65535] });
  });

  it('rounds exact halves to even like Python, and float32 inputs like the SDK list path', () => {
    // double: 0.3*65535 = 19660.5 exactly → 19660 (half-up would give 19661)
    expect(convertWeightsAndUidsForEmit([0, 1], [0.3, 1]).weights).toEqual([19660, 65535]);
    // float32(0.3) = 0.30000001192… → 19660.50078… → 19661
    expect(convertWeightsAndUidsForEmit([0, 1], [0.3, 1], { float32: true }).weights).toEqual([19661, 65535]);
  });

  it('drops weights that round to zero and returns empty vectors for all-zero input', () => {
    expect(convertWeightsAndUidsForEmit([0, 1], [1e-6, 1])).toEqual({ uids: [1], weights: [65535] });
    expect(convertWeightsAndUidsForEmit([0, 1, 2], [0, 0, 0])).toEqual({ uids: [], weights: [] });
  });

  it('rejects bad input', () => {
    expect(() => convertWeightsAndUidsForEmit([0, 1], [1])).toThrow(/same length/);
    expect(() => convertWeightsAndUidsForEmit([0, 1], [-0.1, 1])).toThrow(/negative/);
    expect(() => convertWeightsAndUidsForEmit([0, 1], [Number.NaN, 1])).toThrow(RangeError);
    expect(() => convertWeightsAndUidsForEmit([0, 1], [Infinity, 1])).toThrow(RangeError);
    expect(() => convertWeightsAndUidsForEmit([-1, 1], [1, 1])).toThrow(/u16/);
    expect(() => convertWeightsAndUidsForEmit([65536], [1])).toThrow(/u16/);
    expect(() => convertWeightsAndUidsForEmit([], [])).toThrow(RangeError);
  });
});

describe('normalizeMaxWeight', () => {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('clips the largest weights to the limit and renormalises', () => {
    // sorted estimation [.1,.1,.1,.1,.6]; n_values = 4; cutoff = (0.3*0.4 - 1e-7)/(1 - 0.3) * 10
    const y = normalizeMaxWeight([1, 1, 6, 1, 1], 0.3);
    const cutoff = ((0.3 * 0.4 - 1e-7) / 0.7) * 10;
    expect(y[2]).toBeCloseTo(cutoff / (4 + cutoff), 12);
    expect(y[0]).toBeCloseTo(1 / (4 + cutoff), 12);
    expect(Math.max(...y)).toBeLessThanOrEqual(0.3);
    expect(sum(y)).toBeCloseTo(1, 12);
  });

  it('matches the SDK algorithm run in numpy float64', () => {
    // values printed by the SDK's normalize_max_weight body run on np.float64 arrays
    expect(normalizeMaxWeight([3, 9, 1, 0.5, 7, 2], 0.25)).toEqual([
      0.23076939053265502, 0.24999982692295708, 0.07692313017755167, 0.03846156508877584,
      0.24999982692295708, 0.15384626035510335,
    ]);
  });

  it('only normalises when already under the limit', () => {
    expect(normalizeMaxWeight([1, 1, 2], 0.5)).toEqual([0.25, 0.25, 0.5]);
  });

  it('returns uniform weights for a zero sum or when n * limit <= 1', () => {
    expect(normalizeMaxWeight([0, 0, 0, 0], 0.5)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(normalizeMaxWeight([1, 5], 0.5)).toEqual([0.5, 0.5]);
  });
});

describe('chain max-upscale and max-limit check (I32F32)', () => {
  it('upscales like vec_u16_max_upscale_to_u16', () => {
    expect(chainMaxUpscaleU16([65535, 32768, 6554])).toEqual([65535, 32768, 6554]);
    // max <= 32768: e*65535/max, rounded half away from zero: 1*65535/2 = 32767.5 → 32768
    expect(chainMaxUpscaleU16([1, 2])).toEqual([32768, 65535]);
    expect(chainMaxUpscaleU16([1, 2, 3])).toEqual([21845, 43690, 65535]);
    // max > 32768: e * (65535/max); 16384*65535/32769 = 32766.50005 → 32767; 1 → 1.99994 → 2
    expect(chainMaxUpscaleU16([32769, 16384, 1])).toEqual([65535, 32767, 2]);
    expect(chainMaxUpscaleU16([0, 0])).toEqual([0, 0]);
  });

  it('compares the largest normalised share with limit/65535', () => {
    expect(checkVecMaxLimited([65535, 65535], 32768)).toBe(true); // 0.5 <= 0.500007…
    expect(checkVecMaxLimited([65535, 65535], 32767)).toBe(false); // 0.5 > 0.499992…
    expect(checkVecMaxLimited([], 0)).toBe(true);
  });
});

describe('checkWeights', () => {
  const base: CheckWeightsInput = {
    netuid: 1,
    uids: [0, 1, 2],
    values: [65535, 32768, 16384],
    ownUid: 0,
    subnetN: 4,
    minAllowedWeights: 2,
  };
  const err = (over: Partial<CheckWeightsInput>) => {
    const r = checkWeights({ ...base, ...over });
    return r.ok ? 'ok' : r.error;
  };

  it('accepts valid weights', () => {
    expect(checkWeights(base)).toEqual({ ok: true });
  });

  it('CanNotSetRootNetworkWeights', () => {
    expect(err({ netuid: 0 })).toBe('CanNotSetRootNetworkWeights');
  });

  it('WeightVecNotEqualSize', () => {
    expect(err({ values: [1, 2] })).toBe('WeightVecNotEqualSize');
  });

  it('UidsLengthExceedUidsInSubNet (checked before duplicates, as on chain)', () => {
    expect(err({ uids: [0, 1, 2, 3, 0], values: [1, 1, 1, 1, 1] })).toBe('UidsLengthExceedUidsInSubNet');
  });

  it('HotKeyNotRegisteredInSubNet', () => {
    expect(err({ ownUid: null })).toBe('HotKeyNotRegisteredInSubNet');
  });

  it('IncorrectWeightVersionKey', () => {
    expect(err({ version: { weightsVersionKey: 5n, versionKey: 4n } })).toBe('IncorrectWeightVersionKey');
    expect(err({ version: { weightsVersionKey: 5n, versionKey: 5n } })).toBe('ok');
    expect(err({ version: { weightsVersionKey: 5, versionKey: 9 } })).toBe('ok');
    expect(err({ version: { weightsVersionKey: 0n, versionKey: 0n } })).toBe('ok');
  });

  it('SettingWeightsTooFast only while commit-reveal is off', () => {
    const rl = { commitRevealEnabled: false, currentBlock: 150n, lastUpdate: 100n, weightsSetRateLimit: 100n };
    expect(err({ rateLimit: rl })).toBe('SettingWeightsTooFast');
    expect(err({ rateLimit: { ...rl, currentBlock: 200n } })).toBe('ok');
    expect(err({ rateLimit: { ...rl, lastUpdate: 0n } })).toBe('ok');
    expect(err({ rateLimit: { ...rl, commitRevealEnabled: true } })).toBe('ok');
  });

  it('NeuronNoValidatorPermit unless self-weight or subnet owner', () => {
    expect(err({ permit: { validatorPermit: false } })).toBe('NeuronNoValidatorPermit');
    expect(err({ permit: { validatorPermit: false, ownerUid: 0 } })).toBe('ok');
    expect(err({ permit: { validatorPermit: false, ownerUid: 3 } })).toBe('NeuronNoValidatorPermit');
    expect(err({ permit: { validatorPermit: true } })).toBe('ok');
    expect(err({ uids: [0], values: [65535], permit: { validatorPermit: false } })).toBe('ok');
  });

  it('DuplicateUids', () => {
    expect(err({ uids: [0, 1, 1] })).toBe('DuplicateUids');
  });

  it('UidVecContainInvalidOne', () => {
    expect(err({ uids: [0, 1, 4] })).toBe('UidVecContainInvalidOne');
  });

  it('WeightVecLengthIsLow, with min(MinAllowedWeights, SubnetworkN) and the self-weight exemption', () => {
    expect(err({ minAllowedWeights: 4 })).toBe('WeightVecLengthIsLow');
    expect(err({ uids: [1], values: [65535] })).toBe('WeightVecLengthIsLow'); // one weight, not self
    expect(err({ subnetN: 3, minAllowedWeights: 8 })).toBe('ok');
    expect(err({ uids: [0], values: [65535], minAllowedWeights: 4 })).toBe('ok'); // self-weight
  });

  it('MaxWeightExceeded, with the self-weight exemption', () => {
    const two = { uids: [0, 1], values: [65535, 65535] };
    expect(err({ ...two, maxWeightLimit: 32767 })).toBe('MaxWeightExceeded');
    expect(err({ ...two, maxWeightLimit: 32768 })).toBe('ok');
    expect(err({ ...two, maxWeightLimit: 65535 })).toBe('ok');
    expect(err({ uids: [0], values: [1], minAllowedWeights: 1, maxWeightLimit: 100 })).toBe('ok');
    expect(err({ uids: [1], values: [1], minAllowedWeights: 1, maxWeightLimit: 100 })).toBe('MaxWeightExceeded');
  });

  it('rejects values that are not u16', () => {
    expect(() => checkWeights({ ...base, values: [65536, 1, 1] })).toThrow(RangeError);
  });
});

describe('SCALE pieces', () => {
  it.each([
    [0, '0x00'],
    [1, '0x04'],
    [63, '0xfc'],
    [64, '0x0101'],
    [16383, '0xfdff'],
    [16384, '0x02000100'],
    [2 ** 30 - 1, '0xfeffffff'],
    [2 ** 30, '0x0300000040'],
  ])('Compact(%p) = %s', (n, hex) => expect(u8aToHex(encodeCompact(n))).toBe(hex));

  it('u64 and Vec<u16>', () => {
    expect(u8aToHex(encodeU64(0x0102030405060708n))).toBe('0x0807060504030201');
    expect(u8aToHex(encodeU64((1n << 64n) - 1n))).toBe('0xffffffffffffffff');
    expect(() => encodeU64(1n << 64n)).toThrow(RangeError);
    expect(u8aToHex(encodeVecU16([1, 0x0203]))).toBe('0x0801000302');
    expect(u8aToHex(encodeVecU16([]))).toBe('0x00');
  });

  it('storage index for mechanisms', () => {
    expect(mechanismStorageIndex(7)).toBe(7);
    expect(mechanismStorageIndex(1, 1)).toBe(4097);
  });
});

describe('commitHashV2', () => {
  const hotkey = Uint8Array.from({ length: 32 }, (_, i) => i);
  const input: CommitHashInput = {
    hotkey,
    netuid: 1,
    uids: [0, 1],
    values: [65535, 32768],
    salt: [1, 2],
    versionKey: 3n,
  };
  // (AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64), written out by hand:
  const literal =
    '0x' +
    '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f' + // who
    '0100' + // netuid 1
    '08' + '0000' + '0100' + // uids [0, 1]
    '08' + 'ffff' + '0080' + // values [65535, 32768]
    '08' + '0100' + '0200' + // salt [1, 2]
    '0300000000000000'; // version_key 3

  it('encodes the tuple exactly', () => {
    expect(u8aToHex(commitPayloadV2(input))).toBe(literal);
  });

  it('is blake2b-256 of those bytes', () => {
    const expected = u8aToHex(blake2AsU8a(hexToU8a(literal), 256));
    expect(commitHashV2(input)).toBe(expected);
    // and the same digest Python's hashlib.blake2b(digest_size=32) gives for these bytes
    expect(expected).toBe('0xdee0fde9068a03d4a6fe7733f15e81da94c587697ae1312aad2f269d3adedcb4');
  });

  it('accepts ss58 and hex hotkeys', () => {
    const alicePub = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
    const aliceSs58 = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    expect(u8aToHex(accountIdBytes(aliceSs58))).toBe(alicePub);
    const a = { hotkey: aliceSs58, netuid: 2, uids: [3], values: [65535], salt: [7], versionKey: 0 };
    expect(commitHashV2(a)).toBe(commitHashV2({ ...a, hotkey: alicePub }));
    expect(commitHashV2(a)).toBe('0xb086ec16daa3c04a62adc64121aa2476191192fe6435daba0266cebc31fceccd');
    expect(() => accountIdBytes(new Uint8Array(31))).toThrow(RangeError);
  });

  it('uses the mechanism storage index', () => {
    expect(commitHashV2({ ...input, mecid: 0 })).toBe(commitHashV2(input));
    expect(commitHashV2({ ...input, mecid: 1 })).toBe(
      '0x6eac8965676de307e9bfbbf271d1a02b6572fd2d31198da8da510c2da33b283e',
    );
  });

  it('changes when any field changes', () => {
    const h = commitHashV2(input);
    const other = Uint8Array.from(hotkey);
    other[31] = 0xff;
    const variants: CommitHashInput[] = [
      { ...input, hotkey: other },
      { ...input, netuid: 2 },
      { ...input, mecid: 1 },
      { ...input, uids: [0, 2] },
      { ...input, values: [65535, 32767] },
      { ...input, salt: [1, 3] },
      { ...input, salt: [1, 2, 0] },
      { ...input, versionKey: 4n },
      { ...input, uids: [1, 0], values: [32768, 65535] },
    ];
    const hashes = variants.map(commitHashV2);
    for (const v of hashes) expect(v).not.toBe(h);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('rejects mismatched lengths', () => {
    expect(() => commitHashV2({ ...input, values: [1] })).toThrow(RangeError);
  });
});

describe('randomSalt', () => {
  it('gives u16 values of the requested length', () => {
    const s = randomSalt();
    expect(s).toHaveLength(8);
    for (const x of s) expect(Number.isInteger(x) && x >= 0 && x <= 65535).toBe(true);
    expect(randomSalt(3)).toHaveLength(3);
    expect(randomSalt(0)).toEqual([]);
    expect(() => randomSalt(-1)).toThrow(RangeError);
  });
});
