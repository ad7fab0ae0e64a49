import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (e) Validator permits: the top-k uids by stake with stake > 0, plus the subnet owner.
describe('epoch: validator permits', () => {
  const stake = [10n, 50n, 30n, 0n, 20n];
  const permits = (overrides: Parameters<typeof epochInput>[1]) =>
    runEpoch(epochInput(5, { stake, ...overrides })).validatorPermit;

  it('gives permits to the k largest stakes', () => {
    // sorted by stake: uid 1 (50), uid 2 (30), uid 4 (20), uid 0 (10), uid 3 (0)
    expect(permits({ maxAllowedValidators: 2 })).toEqual([false, true, true, false, false]);
    expect(permits({ maxAllowedValidators: 4 })).toEqual([true, true, true, false, true]);
  });

  it('never gives a permit to zero stake, even with room', () => {
    expect(permits({ maxAllowedValidators: 10 })).toEqual([true, true, true, false, true]);
  });

  it('breaks ties toward the higher uid, like subtensor’s stable ascending sort', () => {
    // stakes all 20: ascending order 0, 1, 2; the first n − k = 1 (uid 0) loses.
    const out = runEpoch(epochInput(3, { stake: [20n, 20n, 20n], maxAllowedValidators: 2 }));
    expect(out.validatorPermit).toEqual([false, true, true]);
  });

  it('always gives the owner a permit, on top of the k', () => {
    expect(permits({ maxAllowedValidators: 2, ownerUid: 3 })).toEqual([false, true, true, true, false]);
  });

  it('treats stake below the threshold as zero, except the owner’s', () => {
    // threshold 15: uid 0 (10) drops ⇒ S = [0, 50, 30, 0, 20]/100
    //   ⇒ floor(0.5·65535) = 32767, floor(0.3·65535) = floor(19660.5) = 19660, 0.2·65535 = 13107
    const filtered = runEpoch(epochInput(5, { stake, stakeThreshold: 15n, maxAllowedValidators: 10 }));
    expect(filtered.validatorPermit).toEqual([false, true, true, false, true]);
    expect(filtered.stakeWeight).toEqual([0, 32767, 19660, 0, 13107]);
    // uid 0 owns the subnet ⇒ kept: S = [10, 50, 30, 0, 20]/110
    //   ⇒ floor(5957.7) = 5957, floor(29788.6) = 29788, floor(17873.2) = 17873, floor(11915.5) = 11915
    const owner = runEpoch(epochInput(5, { stake, stakeThreshold: 15n, maxAllowedValidators: 10, ownerUid: 0 }));
    expect(owner.validatorPermit).toEqual([true, true, true, false, true]);
    expect(owner.stakeWeight).toEqual([5957, 29788, 17873, 0, 11915]);
  });

  it('ignores the weights of a validator without a permit', () => {
    // k = 1: only uid 1 (stake 90) is permitted. V0 weights miner 3, V1 weights miner 2.
    //   ⇒ only V1's row counts: C = I = [0, 0, 1, 0], V0's trust is 0.
    const out = runEpoch(
      epochInput(4, {
        stake: [10n, 90n, 0n, 0n],
        maxAllowedValidators: 1,
        weights: [[[3, 65535]], [[2, 65535]], [], []],
      }),
    );
    expect(out.validatorPermit).toEqual([false, true, false, false]);
    expect(out.consensus).toEqual([0, 0, 65535, 0]);
    expect(out.incentive).toEqual([0, 0, 65535, 0]);
    expect(out.validatorTrust).toEqual([0, 65535, 0, 0]);
  });

  it('masks weights with the previous epoch’s permits when given, as subtensor does', () => {
    // V0 (stake 60) weights miner 2, V1 (stake 40) weights miner 3; both win new permits.
    const input = epochInput(4, {
      stake: [60n, 40n, 0n, 0n],
      weights: [[[2, 65535]], [[3, 65535]], [], []],
    });
    // Previous permits [false, true]: only V1 votes ⇒ I = [0, 0, 0, 1].
    const withPrevious = runEpoch({ ...input, prevValidatorPermit: [false, true, false, false] });
    expect(withPrevious.validatorPermit).toEqual([true, true, false, false]);
    expect(withPrevious.incentive).toEqual([0, 0, 0, 65535]);
    expect(withPrevious.validatorTrust).toEqual([0, 65535, 0, 0]);
    // Without them the new permits apply: column 2: w = 1 has stake 0.6 ≥ κ ⇒ C_2 = 1;
    // column 3: w = 1 has stake 0.4 < κ ⇒ C_3 = 0 ⇒ I = [0, 0, 1, 0].
    expect(runEpoch(input).incentive).toEqual([0, 0, 65535, 0]);
    // The owner (uid 1 here) counts as previously permitted whatever the vector says
    // ⇒ only V1 votes ⇒ I = [0, 0, 0, 1].
    const owner = runEpoch({ ...input, ownerUid: 1, prevValidatorPermit: [false, false, false, false] });
    expect(owner.incentive).toEqual([0, 0, 0, 65535]);
  });
});
