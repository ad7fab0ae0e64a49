import { weightsArea } from '../../../../../../src/chain/devnet/pallets/subtensor/weights';
import { NONE } from '../../../../../../src/chain/devnet/runtime/origin';
import { Bench, addr } from './bench';

/**
 * `set_weights` against subtensor's `internal_set_weights`: one test per check, in the chain's
 * order, each on a request that passes every earlier check.
 */
const ALPHA = 1_000_000_000n;
const V1 = addr('V1');
const V2 = addr('V2');
const M1 = addr('M1');
const M2 = addr('M2');
const OWNER_HOT = addr('OwnerHot');

/** netuid 1: uids 0–1 validators with permits and stake, 2–3 miners; commit-reveal off. */
async function subnet(): Promise<Bench> {
  const b = await Bench.create();
  b.addSubnet(1, { ownerHotkey: OWNER_HOT, tempo: 10 });
  b.write('MinAllowedWeights', [1], 1);
  b.addNeuron(1, V1, { permit: true, stake: 1_000n * ALPHA });
  b.addNeuron(1, V2, { permit: true, stake: 500n * ALPHA });
  b.addNeuron(1, M1, { stake: 10n * ALPHA });
  b.addNeuron(1, M2);
  b.block = 50;
  return b;
}

describe('set_weights', () => {
  it('is Pays::No', () => {
    expect(weightsArea.calls?.set_weights?.paysFee).toBe(false);
  });

  it('stores the row max-upscaled, stamps LastUpdate and emits WeightsSet(netuid, uid)', async () => {
    const b = await subnet();
    expect(b.dispatch(V2, 'setWeights', 1, [0, 2, 3], [1, 2, 3], 0)).toEqual({ ok: true });
    expect(b.read('Weights', [1, 1])).toEqual([[0, 21845], [2, 43690], [3, 65535]]);
    expect(b.read('LastUpdate', [1])).toEqual([0, 50, 0, 0]);
    expect(b.events).toEqual([{ pallet: 'SubtensorModule', event: 'WeightsSet', fields: [1, 1] }]);
  });

  it('upscales a row whose largest value is above 32768 by 65535 / max, rounding each product', async () => {
    const b = await subnet();
    expect(b.dispatch(V1, 'setWeights', 1, [1, 2, 3], [100, 40_000, 50_000], 0)).toEqual({ ok: true });
    expect(b.read('Weights', [1, 0])).toEqual([[1, 131], [2, 52_428], [3, 65_535]]);
  });

  it('replaces the previous row', async () => {
    const b = await subnet();
    b.dispatch(V1, 'setWeights', 1, [1, 2], [1, 1], 0);
    b.block = 200;
    expect(b.dispatch(V1, 'setWeights', 1, [3], [7], 0)).toEqual({ ok: true });
    expect(b.read('Weights', [1, 0])).toEqual([[3, 65_535]]);
    expect(b.read('LastUpdate', [1])).toEqual([200, 0, 0, 0]);
  });

  it('CommitRevealEnabled while the subnet uses commit-reveal, before looking at the origin', async () => {
    const b = await subnet();
    b.write('CommitRevealWeightsEnabled', [1], true);
    expect(b.dispatch(V1, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: false, error: 'SubtensorModule.CommitRevealEnabled' });
    expect(b.dispatch(NONE, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: false, error: 'SubtensorModule.CommitRevealEnabled' });
    b.write('CommitRevealWeightsEnabled', [1], false);
    expect(b.dispatch(NONE, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: false, error: 'BadOrigin' });
    expect(b.read('Weights', [1, 0])).toEqual([]);
  });

  it('commit-reveal is on by default (the metadata default), so a fresh subnet refuses set_weights', async () => {
    const b = await Bench.create();
    b.write('NetworksAdded', [3], true);
    expect(b.dispatch(V1, 'setWeights', 3, [0], [1], 0)).toEqual({ ok: false, error: 'SubtensorModule.CommitRevealEnabled' });
  });

  it('CanNotSetRootNetworkWeights on netuid 0', async () => {
    const b = await subnet();
    b.write('CommitRevealWeightsEnabled', [0], false);
    expect(b.dispatch(V1, 'setWeights', 0, [0], [1, 2], 0)).toEqual({ ok: false, error: 'SubtensorModule.CanNotSetRootNetworkWeights' });
  });

  it('WeightVecNotEqualSize when uids and values differ in length', async () => {
    const b = await subnet();
    expect(b.dispatch(V1, 'setWeights', 1, [1, 2], [1], 0)).toEqual({ ok: false, error: 'SubtensorModule.WeightVecNotEqualSize' });
  });

  it('MechanismDoesNotExist for a subnet that does not exist', async () => {
    const b = await subnet();
    b.write('CommitRevealWeightsEnabled', [7], false);
    expect(b.dispatch(V1, 'setWeights', 7, [1], [1], 0)).toEqual({ ok: false, error: 'SubtensorModule.MechanismDoesNotExist' });
  });

  it('UidsLengthExceedUidsInSubNet for more uids than neurons', async () => {
    const b = await subnet();
    expect(b.dispatch(V1, 'setWeights', 1, [0, 1, 2, 3, 4], [1, 1, 1, 1, 1], 0)).toEqual({
      ok: false,
      error: 'SubtensorModule.UidsLengthExceedUidsInSubNet',
    });
  });

  it('HotKeyNotRegisteredInSubNet for a hotkey without a uid', async () => {
    const b = await subnet();
    expect(b.dispatch(addr('Stranger'), 'setWeights', 1, [1], [1], 0)).toEqual({
      ok: false,
      error: 'SubtensorModule.HotKeyNotRegisteredInSubNet',
    });
  });

  it('NotEnoughStakeToSetWeights below StakeThreshold; the owner hotkey is exempt', async () => {
    const b = await subnet();
    b.write('StakeThreshold', [], 1_000n * ALPHA + 1n);
    expect(b.dispatch(V1, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: false, error: 'SubtensorModule.NotEnoughStakeToSetWeights' });
    b.write('StakeThreshold', [], 1_000n * ALPHA);
    expect(b.dispatch(V1, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: true });
    const ownerUid = b.addNeuron(1, OWNER_HOT);
    expect(b.dispatch(OWNER_HOT, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: true });
    expect(b.read('Weights', [1, ownerUid])).toEqual([[2, 65_535]]);
  });

  it('IncorrectWeightVersionKey below the subnet key; any key passes while it is 0', async () => {
    const b = await subnet();
    expect(b.dispatch(V1, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: true });
    b.write('WeightsVersionKey', [1], 5);
    expect(b.dispatch(V2, 'setWeights', 1, [2], [1], 4)).toEqual({ ok: false, error: 'SubtensorModule.IncorrectWeightVersionKey' });
    expect(b.dispatch(V2, 'setWeights', 1, [2], [1], 5)).toEqual({ ok: true });
  });

  it('SettingWeightsTooFast within WeightsSetRateLimit of LastUpdate; a uid that never set weights passes', async () => {
    const b = await subnet();
    b.write('WeightsSetRateLimit', [1], 10);
    expect(b.dispatch(V1, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: true });
    b.block = 59;
    expect(b.dispatch(V1, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: false, error: 'SubtensorModule.SettingWeightsTooFast' });
    b.block = 60;
    expect(b.dispatch(V1, 'setWeights', 1, [2], [1], 0)).toEqual({ ok: true });
  });

  it('NeuronNoValidatorPermit without a permit, except for a single self-weight or the owner uid', async () => {
    const b = await subnet();
    expect(b.dispatch(M1, 'setWeights', 1, [0, 3], [1, 1], 0)).toEqual({ ok: false, error: 'SubtensorModule.NeuronNoValidatorPermit' });
    expect(b.dispatch(M1, 'setWeights', 1, [3], [1], 0)).toEqual({ ok: false, error: 'SubtensorModule.NeuronNoValidatorPermit' });
    expect(b.dispatch(M1, 'setWeights', 1, [2], [9], 0)).toEqual({ ok: true });
    expect(b.read('Weights', [1, 2])).toEqual([[2, 65_535]]);
    const ownerUid = b.addNeuron(1, OWNER_HOT);
    expect(b.dispatch(OWNER_HOT, 'setWeights', 1, [0, 3], [1, 1], 0)).toEqual({ ok: true });
    expect(b.read('Weights', [1, ownerUid])).toEqual([[0, 65_535], [3, 65_535]]);
  });

  it('DuplicateUids when a uid repeats', async () => {
    const b = await subnet();
    expect(b.dispatch(V1, 'setWeights', 1, [2, 2], [1, 1], 0)).toEqual({ ok: false, error: 'SubtensorModule.DuplicateUids' });
  });

  it('UidVecContainInvalidOne for a uid with no neuron', async () => {
    const b = await subnet();
    expect(b.dispatch(V1, 'setWeights', 1, [2, 9], [1, 1], 0)).toEqual({ ok: false, error: 'SubtensorModule.UidVecContainInvalidOne' });
  });

  it('WeightVecLengthIsLow below min(MinAllowedWeights, SubnetworkN); a self-weight is exempt', async () => {
    const b = await subnet();
    b.write('MinAllowedWeights', [1], 3);
    expect(b.dispatch(V1, 'setWeights', 1, [2, 3], [1, 1], 0)).toEqual({ ok: false, error: 'SubtensorModule.WeightVecLengthIsLow' });
    expect(b.dispatch(V1, 'setWeights', 1, [0], [1], 0)).toEqual({ ok: true });
    b.write('MinAllowedWeights', [1], 100);
    expect(b.dispatch(V2, 'setWeights', 1, [0, 1, 2], [1, 1, 1], 0)).toEqual({ ok: false, error: 'SubtensorModule.WeightVecLengthIsLow' });
    expect(b.dispatch(V2, 'setWeights', 1, [0, 1, 2, 3], [1, 1, 1, 1], 0)).toEqual({ ok: true });
  });

  it('MaxWeightExceeded when one weight takes more than MaxWeightsLimit of the row', async () => {
    const b = await subnet();
    b.write('MaxWeightsLimit', [1], 32_768);
    expect(b.dispatch(V1, 'setWeights', 1, [1, 2, 3], [1, 1, 100], 0)).toEqual({ ok: false, error: 'SubtensorModule.MaxWeightExceeded' });
    expect(b.dispatch(V1, 'setWeights', 1, [1, 2, 3], [1, 1, 2], 0)).toEqual({ ok: true });
    expect(b.read('Weights', [1, 0])).toEqual([[1, 32_768], [2, 32_768], [3, 65_535]]);
  });

  it('leaves storage untouched when a check fails', async () => {
    const b = await subnet();
    b.dispatch(V1, 'setWeights', 1, [2], [1], 0);
    b.block = 300;
    expect(b.dispatch(V1, 'setWeights', 1, [2, 2], [1, 1], 0).ok).toBe(false);
    expect(b.read('Weights', [1, 0])).toEqual([[2, 65_535]]);
    expect(b.read('LastUpdate', [1])).toEqual([50, 0, 0, 0]);
  });
});
