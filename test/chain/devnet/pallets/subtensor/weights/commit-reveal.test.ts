import { commitHashV2 } from '../../../../../../src/chain/weights/commit-hash';
import { commitRevealArea } from '../../../../../../src/chain/devnet/pallets/subtensor/commit-reveal';
import { NONE } from '../../../../../../src/chain/devnet/runtime/origin';
import { Bench, addr } from './bench';

/**
 * Commit-reveal v2 with subtensor's fixed-tempo epochs. netuid 1, tempo 10: the epoch index of
 * block b is ⌊(b + 2) / 11⌋, so blocks 0–8 are epoch 0, 9–19 epoch 1, 20–30 epoch 2; with
 * RevealPeriodEpochs = 1 (the default) a commit made in epoch 0 is revealed in blocks 9–19.
 */
const V1 = addr('V1');
const V2 = addr('V2');
const M1 = addr('M1');
const SALT = [7, 8, 9];
const UIDS = [1, 2];
const VALUES = [10, 30];

function hashOf(hotkey: string, uids = UIDS, values = VALUES, salt = SALT, versionKey = 0): string {
  return commitHashV2({ hotkey, netuid: 1, uids, values, salt, versionKey });
}

async function subnet(): Promise<Bench> {
  const b = await Bench.create();
  b.addSubnet(1, { tempo: 10, commitReveal: true });
  b.write('MinAllowedWeights', [1], 1);
  b.write('WeightsSetRateLimit', [1], 0);
  b.addNeuron(1, V1, { permit: true, stake: 1_000_000_000n });
  b.addNeuron(1, V2, { permit: true });
  b.addNeuron(1, M1);
  b.block = 3;
  return b;
}

describe('commit_weights / reveal_weights', () => {
  it('are Pays::No', () => {
    expect(commitRevealArea.calls?.commit_weights?.paysFee).toBe(false);
    expect(commitRevealArea.calls?.reveal_weights?.paysFee).toBe(false);
  });

  it('a commit stores (hash, commit block, first and last reveal block), emits WeightsCommitted and stamps LastUpdate', async () => {
    const b = await subnet();
    const hash = hashOf(V1);
    expect(b.dispatch(V1, 'commitWeights', 1, hash)).toEqual({ ok: true });
    expect(b.read('WeightCommits', [1, V1])).toEqual([[hash, 3, 9, 19]]);
    expect(b.read('LastUpdate', [1])).toEqual([3, 0, 0]);
    expect(b.events).toEqual([{ pallet: 'SubtensorModule', event: 'WeightsCommitted', fields: [V1, 1, hash] }]);
  });

  it('reveals in the next epoch: weights set, commit removed, WeightsSet then WeightsRevealed', async () => {
    const b = await subnet();
    const hash = hashOf(V1);
    b.dispatch(V1, 'commitWeights', 1, hash);
    b.events.length = 0;
    b.block = 9;
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: true });
    expect(b.read('Weights', [1, 0])).toEqual([[1, 21_845], [2, 65_535]]);
    expect(b.read('WeightCommits', [1, V1])).toBeNull();
    // The reveal does not move LastUpdate: the commit was the uid's activity.
    expect(b.read('LastUpdate', [1])).toEqual([3, 0, 0]);
    expect(b.events).toEqual([
      { pallet: 'SubtensorModule', event: 'WeightsSet', fields: [1, 0] },
      { pallet: 'SubtensorModule', event: 'WeightsRevealed', fields: [V1, 1, hash] },
    ]);
  });

  it('the reveal window is the whole next epoch, through its last block', async () => {
    const b = await subnet();
    b.dispatch(V1, 'commitWeights', 1, hashOf(V1));
    b.block = 19;
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: true });
  });

  it('RevealTooEarly in the commit epoch', async () => {
    const b = await subnet();
    b.dispatch(V1, 'commitWeights', 1, hashOf(V1));
    b.block = 8;
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: false, error: 'SubtensorModule.RevealTooEarly' });
    expect(b.read('WeightCommits', [1, V1])).toEqual([[hashOf(V1), 3, 9, 19]]);
  });

  it('RevealTooEarly follows RevealPeriodEpochs', async () => {
    const b = await subnet();
    b.write('RevealPeriodEpochs', [1], 2);
    b.dispatch(V1, 'commitWeights', 1, hashOf(V1));
    expect(b.read('WeightCommits', [1, V1])).toEqual([[hashOf(V1), 3, 20, 30]]);
    b.block = 12;
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: false, error: 'SubtensorModule.RevealTooEarly' });
    b.block = 20;
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: true });
  });

  it('ExpiredWeightCommit after the reveal epoch has passed', async () => {
    const b = await subnet();
    b.dispatch(V1, 'commitWeights', 1, hashOf(V1));
    b.block = 20;
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: false, error: 'SubtensorModule.ExpiredWeightCommit' });
    expect(b.read('Weights', [1, 0])).toEqual([]);
  });

  it('NoWeightsCommitFound for an expired commit revealed with another preimage, or without any commit', async () => {
    const b = await subnet();
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: false, error: 'SubtensorModule.NoWeightsCommitFound' });
    b.dispatch(V1, 'commitWeights', 1, hashOf(V1));
    b.block = 20;
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, [1], 0)).toEqual({ ok: false, error: 'SubtensorModule.NoWeightsCommitFound' });
  });

  it('InvalidRevealCommitHashNotMatch when the preimage differs (salt, values or version key)', async () => {
    const b = await subnet();
    b.dispatch(V1, 'commitWeights', 1, hashOf(V1));
    b.block = 9;
    const err = { ok: false, error: 'SubtensorModule.InvalidRevealCommitHashNotMatch' };
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, [7, 8], 0)).toEqual(err);
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, [10, 31], SALT, 0)).toEqual(err);
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 1)).toEqual(err);
    expect(b.read('WeightCommits', [1, V1])).toEqual([[hashOf(V1), 3, 9, 19]]);
  });

  it('CommitRevealDisabled for both calls while the subnet sets weights directly', async () => {
    const b = await subnet();
    b.write('CommitRevealWeightsEnabled', [1], false);
    expect(b.dispatch(V1, 'commitWeights', 1, hashOf(V1))).toEqual({ ok: false, error: 'SubtensorModule.CommitRevealDisabled' });
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: false, error: 'SubtensorModule.CommitRevealDisabled' });
  });

  it('commit_weights: MechanismDoesNotExist before the origin, then HotKeyNotRegisteredInSubNet', async () => {
    const b = await subnet();
    expect(b.dispatch(NONE, 'commitWeights', 9, hashOf(V1))).toEqual({ ok: false, error: 'SubtensorModule.MechanismDoesNotExist' });
    expect(b.dispatch(NONE, 'commitWeights', 1, hashOf(V1))).toEqual({ ok: false, error: 'BadOrigin' });
    expect(b.dispatch(addr('Stranger'), 'commitWeights', 1, hashOf(V1))).toEqual({
      ok: false,
      error: 'SubtensorModule.HotKeyNotRegisteredInSubNet',
    });
  });

  it('CommittingWeightsTooFast within WeightsSetRateLimit of the last commit', async () => {
    const b = await subnet();
    b.write('WeightsSetRateLimit', [1], 5);
    expect(b.dispatch(V1, 'commitWeights', 1, hashOf(V1))).toEqual({ ok: true });
    b.block = 7;
    expect(b.dispatch(V1, 'commitWeights', 1, hashOf(V1, UIDS, VALUES, [1]))).toEqual({
      ok: false,
      error: 'SubtensorModule.CommittingWeightsTooFast',
    });
    b.block = 8;
    expect(b.dispatch(V1, 'commitWeights', 1, hashOf(V1, UIDS, VALUES, [1]))).toEqual({ ok: true });
  });

  it('TooManyUnrevealedCommits at 10 queued; expired ones are dropped when committing again', async () => {
    const b = await subnet();
    for (let i = 0; i < 10; i++) expect(b.dispatch(V1, 'commitWeights', 1, hashOf(V1, UIDS, VALUES, [i]))).toEqual({ ok: true });
    expect(b.dispatch(V1, 'commitWeights', 1, hashOf(V1, UIDS, VALUES, [10]))).toEqual({
      ok: false,
      error: 'SubtensorModule.TooManyUnrevealedCommits',
    });
    b.block = 20;
    const fresh = hashOf(V1, UIDS, VALUES, [11]);
    expect(b.dispatch(V1, 'commitWeights', 1, fresh)).toEqual({ ok: true });
    expect(b.read('WeightCommits', [1, V1])).toEqual([[fresh, 20, 31, 41]]);
  });

  it('revealing a later commit discards the earlier ones queued before it', async () => {
    const b = await subnet();
    const first = hashOf(V1, UIDS, VALUES, [1]);
    const second = hashOf(V1, [2], [5], [2]);
    const third = hashOf(V1, [1], [5], [3]);
    b.dispatch(V1, 'commitWeights', 1, first);
    b.block = 4;
    b.dispatch(V1, 'commitWeights', 1, second);
    b.dispatch(V1, 'commitWeights', 1, third);
    b.block = 10;
    expect(b.dispatch(V1, 'revealWeights', 1, [2], [5], [2], 0)).toEqual({ ok: true });
    expect(b.read('Weights', [1, 0])).toEqual([[2, 65_535]]);
    expect(b.read('WeightCommits', [1, V1])).toEqual([[third, 4, 9, 19]]);
  });

  it('a reveal whose weights fail a set_weights check fails with that error and keeps the commit', async () => {
    const b = await subnet();
    const hash = hashOf(V1, [2, 2], [1, 1]);
    b.dispatch(V1, 'commitWeights', 1, hash);
    b.block = 9;
    expect(b.dispatch(V1, 'revealWeights', 1, [2, 2], [1, 1], SALT, 0)).toEqual({ ok: false, error: 'SubtensorModule.DuplicateUids' });
    expect(b.read('WeightCommits', [1, V1])).toEqual([[hash, 3, 9, 19]]);
  });

  it('a reveal is not rate limited: the limit applies to commits', async () => {
    const b = await subnet();
    b.write('WeightsSetRateLimit', [1], 1_000);
    b.dispatch(V1, 'commitWeights', 1, hashOf(V1));
    b.block = 9;
    expect(b.dispatch(V1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: true });
  });

  it('a reveal by a hotkey without a permit fails NeuronNoValidatorPermit', async () => {
    const b = await subnet();
    b.dispatch(M1, 'commitWeights', 1, hashOf(M1));
    b.block = 9;
    expect(b.dispatch(M1, 'revealWeights', 1, UIDS, VALUES, SALT, 0)).toEqual({ ok: false, error: 'SubtensorModule.NeuronNoValidatorPermit' });
  });
});
