import {
  commitTimelockedWeights,
  loadMetagraph,
  OperationRefusedError,
  readChainBeacon,
  readPulseSignature,
  registerSubnet,
  setHyperparameter,
  weightsPath,
  readWeightsState,
  ChainDispatchError,
} from '../../../src/chain/client';
import { atHead } from '../../../src/chain/client/storage';
import { decryptWithSignature, decodeWeightsPayload, encodeWeightsPayload, encryptToRound, verifyPulse } from '../../../src/chain/timelock';
import { dev, startChain, type Chain } from './helpers';

/**
 * Commit-reveal v4 end to end against the dev chain: the beacon read from `Drand.BeaconConfig`,
 * pulses that verify against it, a timelocked commit the chain itself decrypts and applies in the
 * reveal epoch, and the chain's refusals.
 */
describe('commitTimelockedWeights on the dev chain', () => {
  let t: Chain;
  const owner = dev.bob();
  const ownerHot = dev.key('//Bob//tl-hot');
  let netuid = -1;

  beforeAll(async () => {
    t = await startChain();
    ({ netuid } = await registerSubnet(t.client, { signer: owner, hotkey: ownerHot.address }));
    await setHyperparameter(t.client, { signer: dev.alice(), name: 'admin_freeze_window', value: 0 });
    await setHyperparameter(t.client, { signer: dev.alice(), netuid, name: 'weights_rate_limit', value: 0 });
  });
  afterAll(() => t.close());

  it('reads the beacon from the chain; its pulses verify against its key', async () => {
    await t.devnet.node.newBlocks(1);
    const { at } = await atHead(t.client.api);
    const { beacon, lastStoredRound } = await readChainBeacon(at);
    expect(beacon.config.schemeId).toBe('bls-unchained-g1-rfc9380');
    expect(beacon.config.period).toBe(3);
    expect(lastStoredRound).toBeGreaterThan(0);
    const sig = await readPulseSignature(at, lastStoredRound);
    expect(sig).not.toBeNull();
    expect(verifyPulse(beacon, lastStoredRound, sig!)).toBe(true);
    expect(verifyPulse(beacon, lastStoredRound + 1, sig!)).toBe(false);
  });

  it('new subnets have commit-reveal on at version 4, so weightsPath picks the timelocked commit', async () => {
    const state = await readWeightsState(t.client, netuid, ownerHot.address);
    expect(state.commitRevealEnabled).toBe(true);
    expect(state.commitRevealVersion).toBe(4);
    expect(weightsPath(t.client.api, netuid, state)).toBe('commit_timelocked');
  });

  it('commits a ciphertext only the round pulse opens; the chain reveals it and sets the weights', async () => {
    const c = await commitTimelockedWeights(t.client, { signer: ownerHot, netuid, uids: [0], weights: [1] });
    expect(c.events.some((e) => e.method === 'TimelockedWeightsCommitted')).toBe(true);
    expect(c.revealWindow.revealEpoch).toBe(c.revealWindow.commitEpoch + 1);
    expect((await loadMetagraph(t.client, netuid)).weights[0]).toEqual([]);
    // run through the reveal epoch
    await t.devnet.node.newBlocks(c.revealWindow.lastBlock - t.devnet.node.headNumber);
    const mg = await loadMetagraph(t.client, netuid);
    expect(mg.weights[0]).toEqual([[0, 65535]]);
    // the pulse of the commit's round is on chain: that is what the chain decrypted it with
    const { at } = await atHead(t.client.api);
    expect(await readPulseSignature(at, c.revealRound)).not.toBeNull();
  });

  it('a commit to a round the beacon will not reach in the reveal epoch is dropped, not applied', async () => {
    const c = await commitTimelockedWeights(t.client, { signer: ownerHot, netuid, uids: [0], weights: [1], revealRound: 10_000_000 });
    await t.devnet.node.newBlocks(c.revealWindow.lastBlock + 1 - t.devnet.node.headNumber);
    const { at } = await atHead(t.client.api);
    const left = (await at.query.subtensorModule!.timelockedWeightCommits!(netuid, c.revealWindow.commitEpoch)) as unknown as { length: number };
    expect(left.length).toBe(0);
  });

  it('the payload decrypts to (hotkey, uids, values, version key) with the round pulse', async () => {
    const { at } = await atHead(t.client.api);
    const { beacon, lastStoredRound } = await readChainBeacon(at);
    const commit = encryptToRound(beacon, encodeWeightsPayload({ hotkey: ownerHot.publicKey, uids: [0], values: [7], versionKey: 3n }), lastStoredRound);
    const plain = decryptWithSignature(commit, (await readPulseSignature(at, lastStoredRound))!);
    expect(decodeWeightsPayload(plain)).toEqual({ hotkey: ownerHot.publicKey, uids: [0], values: [7], versionKey: 3n });
  });

  it('says when the round was already public at commit time (the chain does not check rounds at commit)', async () => {
    const c = await commitTimelockedWeights(t.client, { signer: ownerHot, netuid, uids: [0], weights: [1], revealRound: 1 });
    expect(c.roundAlreadyPublic).toBe(true);
  });

  it('refuses when commit-reveal is off, before submitting and on chain', async () => {
    await setHyperparameter(t.client, { signer: dev.alice(), netuid, name: 'commit_reveal_weights_enabled', value: false });
    const e = (await commitTimelockedWeights(t.client, { signer: ownerHot, netuid, uids: [0], weights: [1] }).catch((x: unknown) => x)) as OperationRefusedError;
    expect(e).toBeInstanceOf(OperationRefusedError);
    expect(e.error).toBe('CommitRevealDisabled');
    const chain = (await commitTimelockedWeights(t.client, { signer: ownerHot, netuid, uids: [0], weights: [1], skipChecks: true }).catch((x: unknown) => x)) as ChainDispatchError;
    expect(chain).toBeInstanceOf(ChainDispatchError);
    expect(chain.name).toBe('subtensorModule.CommitRevealDisabled');
  });
});
