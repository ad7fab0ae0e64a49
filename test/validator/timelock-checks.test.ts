import {
  blocksUntilNextEpoch,
  burnedRegister,
  commitTimelockedWeights,
  connectChain,
  keypairFromUri,
  readWeightsState,
  registerSubnet,
  setHyperparameter,
  startCall,
  type ChainClient,
} from '../../src/chain';
import { startDevnet, type RunningDevnet } from '../../src/chain/devnet';
import { silentLogger } from '../../src/logging';
import { emptyState, submitWeights, type ValidatorState, type WeightsAction } from '../../src/validator';

/**
 * The validator's check of its timelocked commits on the dev chain (default hyperparameters:
 * commit-reveal v4): two commits in one epoch are both revealed by the chain, in order, so the
 * row after the reveal epoch is the second's; the first is reported superseded, not missing.
 * A commit the chain cannot open (its drand round never comes in the reveal epoch) is missing.
 */
describe('timelocked commit checks', () => {
  let devnet: RunningDevnet;
  let client: ChainClient;
  const sudo = keypairFromUri('//Alice');
  const owner = keypairFromUri('//Bob');
  const validator = keypairFromUri('//Bob//pog-validator');
  const miners = [keypairFromUri('//Charlie//pog-a'), keypairFromUri('//Charlie//pog-b')];
  const tempo = 10;
  let netuid = -1;

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, instant: true });
    client = await connectChain({ endpoint: devnet.url, retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 } });
    ({ netuid } = await registerSubnet(client, { signer: owner, hotkey: validator.address }));
    await setHyperparameter(client, { signer: sudo, name: 'admin_freeze_window', value: 0 });
    await setHyperparameter(client, { signer: sudo, netuid, name: 'tempo', value: tempo });
    await setHyperparameter(client, { signer: sudo, netuid, name: 'weights_rate_limit', value: 0 });
    await startCall(client, { signer: owner, netuid });
    for (const m of miners) await burnedRegister(client, { signer: keypairFromUri('//Charlie'), netuid, hotkey: m.address });
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await devnet?.close();
  });

  it('reports the earlier of two commits in one epoch as superseded and the later as revealed', async () => {
    let state: ValidatorState = emptyState(netuid, validator.address);
    const submit = async (weights: number[]): Promise<WeightsAction> => {
      const action = await submitWeights(client, { signer: validator, netuid, uids: [1, 2], weights, state, logger: silentLogger });
      state = { ...state, timelockCommits: action.timelock };
      return action;
    };
    // start just after an epoch so both commits land in the same one
    for (;;) {
      const head = (await readWeightsState(client, netuid, validator.address)).block;
      if (blocksUntilNextEpoch(netuid, tempo, head + 1) >= tempo - 1) break;
      await devnet.node.newBlocks(1);
    }
    const first = await submit([1, 3]);
    const second = await submit([3, 1]);
    expect(first.mode).toBe('timelocked');
    expect(second.mode).toBe('timelocked');
    if (first.mode !== 'timelocked' || second.mode !== 'timelocked') return;
    expect(state.timelockCommits.map((c) => c.lastBlock)).toEqual([state.timelockCommits[0]!.lastBlock, state.timelockCommits[0]!.lastBlock]);

    const lastBlock = state.timelockCommits[0]!.lastBlock;
    const head = (await readWeightsState(client, netuid, validator.address)).block;
    await devnet.node.newBlocks(lastBlock - head + 1);
    const third = await submit([1, 1]);
    expect(third.checks).toEqual([
      { commitBlock: first.block, revealRound: expect.any(Number), lastBlock, appeared: null, supersededBy: second.block },
      { commitBlock: second.block, revealRound: expect.any(Number), lastBlock, appeared: true, supersededBy: null },
    ]);
    // the row the chain holds is the second commit's, max-upscaled: [3, 1] → uid 1 at 65535
    const row = (await client.api.query.subtensorModule!.weights!(netuid, 0)).toJSON() as [number, number][];
    expect(row).toEqual([
      [1, 65535],
      [2, 21845],
    ]);
  }, 60_000);

  it('reports a commit to a round the beacon does not reach in the reveal epoch as missing', async () => {
    const c = await commitTimelockedWeights(client, { signer: validator, netuid, uids: [1, 2], weights: [2, 1], revealRound: 10_000_000 });
    const state: ValidatorState = {
      ...emptyState(netuid, validator.address),
      timelockCommits: [
        { uids: [...c.uids], values: [...c.values], versionKey: c.versionKey.toString(), commitHash: c.commitHash, commitBlock: c.blockNumber, revealRound: c.revealRound, lastBlock: c.revealWindow.lastBlock },
      ],
    };
    const head = (await readWeightsState(client, netuid, validator.address)).block;
    await devnet.node.newBlocks(c.revealWindow.lastBlock - head + 1);
    const action = await submitWeights(client, { signer: validator, netuid, uids: [1, 2], weights: [1, 1], state, logger: silentLogger });
    expect(action.checks).toEqual([{ commitBlock: c.blockNumber, revealRound: 10_000_000, lastBlock: c.revealWindow.lastBlock, appeared: false, supersededBy: null }]);
  }, 60_000);
});
