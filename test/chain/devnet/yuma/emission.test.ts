import { type EpochInput, runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (g) Emission: every rao is paid, withheld or returned as undistributed.
describe('epoch: emission', () => {
  it('withholds the incentive landing on the owner uid', () => {
    // uid 0: owner hotkey, no stake (still gets a permit, but no active stake, so no vote).
    // uid 1: the only validator, stake 100, weights {0, 2, 3: 65535} ⇒ 1/3 each.
    // I = [1/3, 0, 1/3, 1/3] ⇒ floor(65535/3) = 21845 on uids 0, 2, 3.
    // Miner alpha 1000: equal shares ⇒ floor(1000/3) = 333 each; uid 0's 333 is withheld.
    // Validator alpha 1001: only uid 1 has dividends ⇒ 1001.
    // Paid 1001 + 333 + 333 = 1667, withheld 333, undistributed 2001 − 1667 − 333 = 1.
    const out = runEpoch(
      epochInput(4, {
        ownerUid: 0,
        stake: [0n, 100n, 0n, 0n],
        weights: [[], [[0, 65535], [2, 65535], [3, 65535]], [], []],
        minerEmission: 1000n,
        validatorEmission: 1001n,
      }),
    );
    expect(out.validatorPermit).toEqual([true, true, false, false]);
    expect(out.incentive).toEqual([21845, 0, 21845, 21845]);
    expect(out.dividends).toEqual([0, 65535, 0, 0]);
    expect(out.incentiveEmission).toEqual([0n, 0n, 333n, 333n]);
    expect(out.dividendEmission).toEqual([0n, 1001n, 0n, 0n]);
    expect(out.emission).toEqual([0n, 1001n, 333n, 333n]);
    expect(out.withheldOwnerIncentive).toBe(333n);
    expect(out.undistributed).toBe(1n);
  });

  it('still pays the owner its dividends', () => {
    // The owner validates alone with a kept self-weight: W_0 = {0: 0.5, 1: 0.5}.
    // Miner alpha 1000 ⇒ [500, 500], the owner's 500 withheld; validator alpha 1000 ⇒ owner.
    const out = runEpoch(
      epochInput(2, {
        ownerUid: 0,
        stake: [100n, 0n],
        weights: [[[0, 65535], [1, 65535]], []],
        minerEmission: 1000n,
        validatorEmission: 1000n,
      }),
    );
    expect(out.emission).toEqual([1000n, 500n]);
    expect(out.withheldOwnerIncentive).toBe(500n);
    expect(out.undistributed).toBe(0n);
  });

  it('conserves the input exactly on random subnets', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const int = (max: number): number => Math.floor(next() * max);
    for (let round = 0; round < 200; round += 1) {
      const n = 1 + int(12);
      const input: EpochInput = epochInput(n, {
        yuma3: next() < 0.5,
        ownerUid: next() < 0.5 ? int(n) : null,
        maxAllowedValidators: 1 + int(n),
        stake: Array.from({ length: n }, () => (next() < 0.5 ? BigInt(int(1e12)) : 0n)),
        lastUpdate: Array.from({ length: n }, () => 900 + int(200)),
        activityCutoffBlocks: int(150),
        weights: Array.from({ length: n }, () =>
          Array.from({ length: n }, (_, j) => [j, int(65536)] as [number, number]).filter(() => next() < 0.4),
        ),
        bonds: Array.from({ length: n }, () =>
          Array.from({ length: n }, (_, j) => [j, int(65536)] as [number, number]).filter(() => next() < 0.3),
        ),
        minerEmission: BigInt(int(1e15)),
        validatorEmission: BigInt(int(1e15)),
      });
      const out = runEpoch(input);
      const paid = out.emission.reduce((a, e) => a + e, 0n);
      expect(paid + out.withheldOwnerIncentive + out.undistributed).toBe(input.minerEmission + input.validatorEmission);
      expect(out.emission).toEqual(out.incentiveEmission.map((m, i) => m + (out.dividendEmission[i] ?? 0n)));
      expect(out.emission.every((e) => e >= 0n)).toBe(true);
      expect(out.undistributed >= 0n).toBe(true);
      if (input.ownerUid !== null) expect(out.incentiveEmission[input.ownerUid]).toBe(0n);
    }
  });
});
