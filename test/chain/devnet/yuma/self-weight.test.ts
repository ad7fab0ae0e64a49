import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// Self-weights (the diagonal) are dropped, except the subnet owner's.
//
// uid 0: the only validator, stake 100, weights {0: 65535, 1: 65535}; uid 1: a miner.
//   Not the owner: W_00 dropped ⇒ W_0 = {1: 1.0} ⇒ I = [0, 65535].
//   The owner:     W_00 kept    ⇒ W_0 = {0: 0.5, 1: 0.5}
//                  ⇒ I = [0.5, 0.5] ⇒ floor(32767.5) = 32767 each.
describe('epoch: self-weight', () => {
  const input = {
    stake: [100n, 0n],
    weights: [[[0, 65535], [1, 65535]], []] as [number, number][][],
  };

  it('drops a validator’s weight on itself', () => {
    expect(runEpoch(epochInput(2, input)).incentive).toEqual([0, 65535]);
  });

  it('keeps the subnet owner’s weight on itself', () => {
    expect(runEpoch(epochInput(2, { ...input, ownerUid: 0 })).incentive).toEqual([32767, 32767]);
  });
});
