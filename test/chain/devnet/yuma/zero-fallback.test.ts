import { runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (h) No incentive and no dividends (no usable weights): as in subtensor, validators receive
// both the miner and the validator alpha, split by active stake, or by stake when no stake is
// active (epoch_mechanism's emission fallback + distribute_emission's "validators get 100%").
//
// currentBlock 1000, activityCutoffBlocks 500.
// uid 0: stake 30, active; uid 1: stake 10, active; uid 2: stake 60, last update 100 (inactive);
// uid 3: no stake. Miner alpha 400, validator alpha 600 ⇒ 1000 to split.
describe('epoch: all-zero fallback', () => {
  const base = {
    activityCutoffBlocks: 500,
    stake: [30n, 10n, 60n, 0n],
    lastUpdate: [1000, 1000, 100, 1000],
    minerEmission: 400n,
    validatorEmission: 600n,
  };

  it('pays all alpha by active stake when nobody set weights', () => {
    // active stake [30, 10, 0, 0]/40 = [0.75, 0.25, 0, 0] ⇒ [750, 250, 0, 0]
    const out = runEpoch(epochInput(4, base));
    expect(out.incentive).toEqual([0, 0, 0, 0]);
    expect(out.dividends).toEqual([0, 0, 0, 0]);
    expect(out.incentiveEmission).toEqual([0n, 0n, 0n, 0n]);
    expect(out.emission).toEqual([750n, 250n, 0n, 0n]);
    expect(out.undistributed).toBe(0n);
  });

  it('treats weights that are all masked (self-weights) as no weights', () => {
    const out = runEpoch(epochInput(4, { ...base, weights: [[[0, 65535]], [[1, 65535]], [], []] }));
    expect(out.emission).toEqual([750n, 250n, 0n, 0n]);
  });

  it('pays by stake when no stake is active', () => {
    // nobody active ⇒ S = [0.3, 0.1, 0.6, 0] ⇒ [300, 100, 600, 0]
    const out = runEpoch(epochInput(4, { ...base, lastUpdate: [100, 100, 100, 100] }));
    expect(out.emission).toEqual([300n, 100n, 600n, 0n]);
    expect(out.undistributed).toBe(0n);
  });

  it('leaves rounding dust undistributed', () => {
    // three equal stakes ⇒ floor(1000/3) = 333 each, 1 rao left
    const out = runEpoch(epochInput(3, { stake: [5n, 5n, 5n], minerEmission: 400n, validatorEmission: 600n }));
    expect(out.emission).toEqual([333n, 333n, 333n]);
    expect(out.undistributed).toBe(1n);
  });

  it('distributes nothing when nobody holds stake', () => {
    const out = runEpoch(epochInput(4, { ...base, stake: [0n, 0n, 0n, 0n] }));
    expect(out.emission).toEqual([0n, 0n, 0n, 0n]);
    expect(out.undistributed).toBe(1000n);
  });
});
