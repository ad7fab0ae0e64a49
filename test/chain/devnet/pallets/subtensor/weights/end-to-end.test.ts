import { commitHashV2 } from '../../../../../../src/chain/weights/commit-hash';
import { epochIndex } from '../../../../../../src/chain/devnet/pallets/subtensor/epoch-schedule';
import { startTestChain, type TestChain } from '../../../support/test-chain';
import { nextEpochBlock, ok, produceTo, subnetWithNeurons, type Neurons } from './chain-fixture';

/**
 * Commit-reveal through signed extrinsics on the dev chain, with the hash built by the
 * client-side helper the validator uses: commit, a refused early reveal, the reveal in the
 * next epoch, and the weights it sets counting in the epoch after.
 */
describe('commit-reveal weights on the dev chain', () => {
  let chain: TestChain;
  let net: Neurons;
  let tempo: number;
  const sub = (item: string, keys: unknown[] = []) => chain.read('SubtensorModule', item, keys);
  const reveal = { uids: [3, 4, 5], values: [100, 200, 300], salt: [11, 22, 33, 44], versionKey: 0 };

  beforeAll(async () => {
    chain = await startTestChain({ allowMissing: true });
    net = await subnetWithNeurons(chain, { commitReveal: true });
    tempo = sub('Tempo', [net.netuid]) as number;
    produceTo(chain, nextEpochBlock(net.netuid, tempo, chain.node.headNumber));
  });
  afterAll(() => chain.close());

  it('refuses set_weights while commit-reveal is on', async () => {
    const r = await chain.submit(net.validators[0]!, chain.call('subtensorModule', 'setWeights', net.netuid, [3], [1], 0));
    expect(r.error).toBe('subtensorModule.CommitRevealEnabled');
  });

  it('commits, refuses the reveal in the same epoch, reveals in the next, with no fee', async () => {
    const v1 = net.validators[0]!;
    const hash = commitHashV2({ hotkey: v1.address, netuid: net.netuid, ...reveal });
    const committed = ok(await chain.submit(v1, chain.call('subtensorModule', 'commitWeights', net.netuid, hash)));
    expect(committed.events.map((e) => `${e.section}.${e.method}`)).toEqual(['subtensorModule.WeightsCommitted', 'system.ExtrinsicSuccess']);
    expect(committed.events[0]!.data).toEqual([v1.address, net.netuid, hash]);
    const c = committed.blockNumber;
    const first = (epochIndex(net.netuid, tempo, c) + 1) * (tempo + 1) - (net.netuid + 1);
    expect(sub('WeightCommits', [net.netuid, v1.address])).toEqual([[hash, c, first, first + tempo]]);

    const early = await chain.submit(v1, chain.call('subtensorModule', 'revealWeights', net.netuid, reveal.uids, reveal.values, reveal.salt, 0));
    expect(early.error).toBe('subtensorModule.RevealTooEarly');

    produceTo(chain, first - 1);
    const revealed = ok(await chain.submit(v1, chain.call('subtensorModule', 'revealWeights', net.netuid, reveal.uids, reveal.values, reveal.salt, 0)));
    expect(revealed.blockNumber).toBe(first);
    expect(revealed.events.map((e) => `${e.section}.${e.method}`)).toEqual([
      'subtensorModule.WeightsSet',
      'subtensorModule.WeightsRevealed',
      'system.ExtrinsicSuccess',
    ]);
    expect(sub('Weights', [net.netuid, 1])).toEqual([[3, 21_845], [4, 43_690], [5, 65_535]]);
    expect(sub('WeightCommits', [net.netuid, v1.address])).toBeNull();
    expect((sub('LastUpdate', [net.netuid]) as number[])[1]).toBe(c);
  });

  it('the revealed weights drive the next epoch’s incentive', () => {
    produceTo(chain, nextEpochBlock(net.netuid, tempo, chain.node.headNumber));
    expect(sub('Incentive', [net.netuid])).toEqual([0, 0, 0, 10_922, 21_845, 32_767]);
  });
});
