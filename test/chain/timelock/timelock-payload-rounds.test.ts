/** The plaintext layout (subtensor WeightsTlockPayload), reveal-round arithmetic (bittensor-drand) and the G_T byte order. */
import { bls12_381 } from '@noble/curves/bls12-381';
import { decodeWeightsPayload, encodeWeightsPayload, fp12ArkBytes, revealRoundFor, roundAt, TimelockPayloadError } from '../../../src/chain/timelock';

describe('WeightsTlockPayload SCALE', () => {
  const hotkey = new Uint8Array(32).fill(0xab);

  it('is Vec<u8> hotkey ‖ Vec<u16> uids ‖ Vec<u16> values ‖ u64 version_key, in that order', () => {
    const bytes = encodeWeightsPayload({ hotkey, uids: [1, 2], values: [11, 0x1234], versionKey: 50n });
    expect(Buffer.from(bytes).toString('hex')).toBe(
      '80' + 'ab'.repeat(32) + '08' + '0100' + '0200' + '08' + '0b00' + '3412' + '3200000000000000',
    );
    expect(decodeWeightsPayload(bytes)).toEqual({ hotkey, uids: [1, 2], values: [11, 0x1234], versionKey: 50n });
  });

  it('refuses a truncated payload and mismatched lengths', () => {
    const bytes = encodeWeightsPayload({ hotkey, uids: [1], values: [2], versionKey: 1 });
    expect(() => decodeWeightsPayload(bytes.subarray(0, bytes.length - 1))).toThrow(TimelockPayloadError);
    expect(() => encodeWeightsPayload({ hotkey, uids: [1], values: [], versionKey: 1 })).toThrow(RangeError);
  });
});

describe('reveal round', () => {
  const quicknet = { genesisTime: 1692803367, period: 3 };

  it('follows bittensor-drand generate_commit (tests/test_commit_reveal.py compute_expected_reveal_round)', () => {
    // tempo 100, block 1000, netuid 1, reveal period 2, 12 s blocks, at now:
    // epoch (1000+2)/101 = 9, reveal epoch 11, first block 11*101-2 = 1109, target 1112, 112 blocks = 1344 s
    const now = 1_800_000_000;
    const round = revealRoundFor({ netuid: 1, tempo: 100, currentBlock: 1000, revealPeriodEpochs: 2, blockTimeSeconds: 12, nowUnixSeconds: now, ...quicknet });
    expect(round).toBe(Math.floor((now + 1344 - quicknet.genesisTime) / 3));
  });

  it('round at a time is drand CurrentRound', () => {
    expect(roundAt(quicknet.genesisTime, quicknet.genesisTime, 3)).toBe(1);
    expect(roundAt(quicknet.genesisTime + 2999, quicknet.genesisTime, 3)).toBe(1000);
    expect(roundAt(quicknet.genesisTime - 1, quicknet.genesisTime, 3)).toBe(0);
  });
});

describe('G_T bytes (tle H2 input)', () => {
  it('writes c0 before c1 at every tower level, each Fp little endian', () => {
    const { Fp12 } = bls12_381.fields;
    const bytes = fp12ArkBytes(Fp12.ONE);
    expect(bytes.length).toBe(576);
    expect(bytes[0]).toBe(1);
    expect(bytes.subarray(1).every((b) => b === 0)).toBe(true);
    // an element whose only non-zero coefficient is c1.c2.c1 = 2: the last Fp slot
    const x = Fp12.create({ c0: Fp12.ZERO.c0, c1: { c0: Fp12.ZERO.c1.c0, c1: Fp12.ZERO.c1.c1, c2: { c0: 0n, c1: 2n } } } as never);
    const y = fp12ArkBytes(x);
    expect(y[576 - 48]).toBe(2);
    expect(y.subarray(0, 576 - 48).every((b) => b === 0)).toBe(true);
  });
});
