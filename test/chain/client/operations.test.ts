import {
  addStake,
  addStakeBurn,
  burnAlpha,
  burnedRegister,
  ChainDispatchError,
  commitWeights,
  getCommitment,
  getHyperparameters,
  getStake,
  InvalidChainInputError,
  loadMetagraph,
  OperationRefusedError,
  registerSubnet,
  removeStake,
  revealWeights,
  serveAxon,
  setCommitment,
  setHyperparameter,
  setWeights,
  startCall,
  taoToRao,
  TransactionRejectedError,
  type CommitWeightsReturnType,
} from '../../../src/chain/client';
import { dev, freeBalance, startChain, TAO, type Chain } from './helpers';

/**
 * Every typed operation against the embedded subtensor dev chain, in the order a subnet
 * comes to life: create, configure, start, register, serve, stake, weights (direct and
 * commit-reveal), commitments, buyback and burn, then the metagraph.
 */
describe('subtensor operations', () => {
  let t: Chain;
  const sudoKey = dev.alice();
  const owner = dev.bob(); // coldkey that creates netuid 1
  const ownerHot = dev.key('//Bob//pog-hot');
  const miner = dev.charlie();
  const minerHot = dev.key('//Charlie//pog-hot');
  const stranger = dev.key('//Stranger//pog-hot'); // never registered
  const poor = dev.key('//PoorColdkey');
  let netuid = -1;

  beforeAll(async () => {
    t = await startChain();
    await t.client.submit(t.client.api.tx.balances!.transferKeepAlive!(poor.address, 10n * TAO), sudoKey);
  });
  afterAll(() => t.close());

  const refusal = async (p: Promise<unknown>) => (await p.then(() => null, (e: unknown) => e)) as OperationRefusedError;
  const dispatchError = async (p: Promise<unknown>) => (await p.then(() => null, (e: unknown) => e)) as ChainDispatchError;
  const rejection = async (p: Promise<unknown>) => (await p.then(() => null, (e: unknown) => e)) as TransactionRejectedError;

  describe('registerSubnet', () => {
    it('fails with the chain\'s error when the coldkey cannot afford the lock', async () => {
      const e = await dispatchError(registerSubnet(t.client, { signer: poor, hotkey: dev.key('//PoorColdkey//hot').address }));
      expect(e).toBeInstanceOf(ChainDispatchError);
      expect(e.name).toBe('subtensorModule.CannotAffordLockCost');
    });

    it('is refused by the pool for a coldkey with no funds at all', async () => {
      const e = await registerSubnet(t.client, { signer: dev.key('//NoFunds'), hotkey: stranger.address }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TransactionRejectedError);
      expect((e as TransactionRejectedError).code).toBe(1010);
    });

    it('creates netuid 1 owned by the coldkey, with the hotkey as uid 0', async () => {
      const r = await registerSubnet(t.client, { signer: owner, hotkey: ownerHot.address });
      netuid = r.netuid;
      expect(netuid).toBe(1);
      expect(r.mechanism).toBe(1);
      expect(r.events.some((e) => e.method === 'NetworkAdded')).toBe(true);
    });
  });

  describe('hyperparameters', () => {
    it('reads them all in one batch', async () => {
      const h = await getHyperparameters(t.client, { netuid });
      const byName = Object.fromEntries(h.hyperparameters.map((x) => [x.name, x.value]));
      expect(h.exists).toBe(true);
      expect(byName.tempo).toBe(10n);
      expect(byName.weights_rate_limit).toBe(100n);
      expect(byName.commit_reveal_weights_enabled).toBe(true);
      expect(h.hyperparameters.find((x) => x.name === 'tempo')!.settable).toBe(true);
    });

    it('sets global and subnet values as sudo, and owner values as the owner', async () => {
      const freeze = await setHyperparameter(t.client, { signer: sudoKey, name: 'admin_freeze_window', value: 0 });
      expect(freeze.via).toBe('sudo');
      await setHyperparameter(t.client, { signer: sudoKey, netuid, name: 'weights_rate_limit', value: '0' });
      const cr = await setHyperparameter(t.client, { signer: owner, netuid, name: 'commit_reveal_weights_enabled', value: 'false' });
      expect(cr.via).toBe('owner');
      expect(cr.value).toBe(false);
      const byName = Object.fromEntries((await getHyperparameters(t.client, { netuid })).hyperparameters.map((x) => [x.name, x.value]));
      expect(byName).toMatchObject({ admin_freeze_window: 0n, weights_rate_limit: 0n, commit_reveal_weights_enabled: false });
    });

    it('reports a root-only setter called by the owner, an unknown name and a bad value', async () => {
      const e = await dispatchError(setHyperparameter(t.client, { signer: owner, netuid, name: 'tempo', value: 5 }));
      expect(e).toBeInstanceOf(ChainDispatchError);
      expect(e.name).toBe('BadOrigin');
      // Who may set it is what the node answered: the signer owns the subnet, so only sudo may.
      expect(e.message).toMatch(/: BadOrigin; this runtime lets only sudo set tempo; try --via sudo with the sudo key$/);
      const notOwner = await dispatchError(setHyperparameter(t.client, { signer: miner, netuid, name: 'min_allowed_weights', value: 1 }));
      expect(notOwner.message).toContain(`BadOrigin; the signer ${miner.address} does not own subnet ${netuid} (its owner is ${owner.address})`);
      await expect(setHyperparameter(t.client, { signer: owner, netuid, name: 'no_such_thing', value: 1 })).rejects.toThrow(InvalidChainInputError);
      await expect(setHyperparameter(t.client, { signer: owner, netuid, name: 'weights_version', value: 'x' })).rejects.toThrow(/takes a whole number \(u64\)/);
      await expect(setHyperparameter(t.client, { signer: owner, name: 'weights_version', value: 1 })).rejects.toThrow(/give a netuid/);
    });
  });

  it('names the freeze window as it applies: to sudo too, and always with a tempo no larger than the window', async () => {
    await setHyperparameter(t.client, { signer: sudoKey, name: 'admin_freeze_window', value: 20 });
    try {
      const e = await dispatchError(setHyperparameter(t.client, { signer: sudoKey, netuid, name: 'tempo', value: 12 }));
      expect(e.name).toBe('subtensorModule.AdminActionProhibitedDuringWeightsWindow');
      expect(e.viaSudo).toBe(true);
      expect(e.message).toMatch(
        new RegExp(`; subnet ${netuid} is in its admin freeze window \\(the last 20 blocks before each epoch, tempo 10\\), when subtensor refuses hyperparameter changes from the owner and sudo alike; with tempo 10 ≤ window 20 it is frozen almost always: have sudo lower admin_freeze_window first$`),
      );
    } finally {
      await setHyperparameter(t.client, { signer: sudoKey, name: 'admin_freeze_window', value: 0 });
    }
  });

  describe('startCall', () => {
    it('is refused for another coldkey, then opens the subnet for its owner', async () => {
      const e = await dispatchError(startCall(t.client, { signer: miner, netuid }));
      expect(e).toBeInstanceOf(ChainDispatchError);
      await startCall(t.client, { signer: owner, netuid });
      const again = await dispatchError(startCall(t.client, { signer: owner, netuid }));
      expect(again.name).toBe('subtensorModule.FirstEmissionBlockNumberAlreadySet');
    });
  });

  describe('burnedRegister', () => {
    it('registers the miner hotkey as uid 1', async () => {
      const r = await burnedRegister(t.client, { signer: miner, netuid, hotkey: minerHot.address });
      expect(r.uid).toBe(1);
      expect(r.hotkey).toBe(minerHot.address);
    });

    it('reports an already registered hotkey, a coldkey that cannot pay the burn, and a missing subnet', async () => {
      expect((await dispatchError(burnedRegister(t.client, { signer: miner, netuid, hotkey: minerHot.address }))).name).toBe('subtensorModule.HotKeyAlreadyRegisteredInSubNet');
      const drained = dev.key('//Drained');
      await t.client.submit(t.client.api.tx.balances!.transferKeepAlive!(drained.address, TAO / 2n), sudoKey);
      expect((await dispatchError(burnedRegister(t.client, { signer: drained, netuid, hotkey: dev.key('//Drained//hot').address }))).name).toBe('subtensorModule.NotEnoughBalanceToStake');
      expect((await dispatchError(burnedRegister(t.client, { signer: miner, netuid: 42, hotkey: dev.key('//x').address }))).name).toBe('subtensorModule.SubnetNotExists');
    });
  });

  describe('serveAxon', () => {
    it('serves IPv4 and IPv6 addresses, which the metagraph reads back as text', async () => {
      const r = await serveAxon(t.client, { signer: minerHot, netuid, ip: '203.0.113.7', port: 8091, version: 7 });
      expect(r).toMatchObject({ ip: 3405803783n, ipType: 4 });
      await serveAxon(t.client, { signer: ownerHot, netuid, ip: '2001:db8::7', port: 8092 });
      const mg = await loadMetagraph(t.client, netuid);
      expect(mg.axons[1]).toMatchObject({ ip: '203.0.113.7', port: 8091, version: 7, ipType: 4, protocol: 4 });
      expect(mg.axons[0]).toMatchObject({ ip: '2001:db8::7', port: 8092, ipType: 6 });
    });

    it('reports 127.0.0.1, an unregistered hotkey and a malformed address', async () => {
      // Refused in the pool by subtensor's transaction extension, with its custom code named.
      const loopback = await rejection(serveAxon(t.client, { signer: dev.key('//Charlie//pog-hot'), netuid, ip: '127.0.0.1', port: 8091 }));
      expect(loopback).toBeInstanceOf(TransactionRejectedError);
      expect([loopback.code, loopback.reason]).toEqual([1010, 'Invalid Transaction: InvalidIpAddress (Custom 11)']);
      expect((await rejection(serveAxon(t.client, { signer: stranger, netuid, ip: '0.0.0.0', port: 8091 }))).reason).toBe('Invalid Transaction: HotKeyNotRegisteredInNetwork (Custom 10)');
      await expect(serveAxon(t.client, { signer: minerHot, netuid, ip: 'miner.example', port: 1 })).rejects.toThrow(/"miner\.example" is not an IPv4 or IPv6 address/);
      await expect(serveAxon(t.client, { signer: minerHot, netuid, ip: '1.2.3.4', port: 70000 })).rejects.toThrow(/port must be a whole number from 0 to 65535/);
    });
  });

  describe('addStake / removeStake', () => {
    it('stakes TAO for alpha and unstakes part of it', async () => {
      const before = await freeBalance(t.client, miner.address);
      const added = await addStake(t.client, { signer: miner, hotkey: minerHot.address, netuid, amount: taoToRao('100') });
      expect(added.tao).toBe(100n * TAO);
      expect(added.alpha).toBeGreaterThan(0n);
      const staked = await getStake(t.client, { hotkey: minerHot.address, coldkey: miner.address, netuid });
      expect(staked.stake).toBe(added.alpha);
      expect(await freeBalance(t.client, miner.address)).toBeLessThan(before - 100n * TAO + 1n);

      const removed = await removeStake(t.client, { signer: miner, hotkey: minerHot.address, netuid, amount: staked.stake / 2n });
      expect(removed.alpha).toBe(staked.stake / 2n);
      expect(removed.tao).toBeGreaterThan(0n);
      expect((await getStake(t.client, { hotkey: minerHot.address, coldkey: miner.address, netuid })).stake).toBe(staked.stake - staked.stake / 2n);
    });

    it('reports unstaking with no stake and staking more than the balance', async () => {
      // remove_stake caps the amount at the stake held, so a coldkey without stake unstakes nothing.
      expect((await dispatchError(removeStake(t.client, { signer: poor, hotkey: minerHot.address, netuid, amount: TAO }))).name).toBe('subtensorModule.AmountTooLow');
      const before = await freeBalance(t.client, poor.address);
      expect((await rejection(addStake(t.client, { signer: poor, hotkey: minerHot.address, netuid, amount: 1000n * TAO }))).reason).toBe('Invalid Transaction: BalanceTooLow (Custom 2)');
      // Below the minimum stake: refused in the pool (as spec 293 does), so no fee is charged.
      const tooLow = await rejection(addStake(t.client, { signer: poor, hotkey: minerHot.address, netuid, amount: 1000n }));
      expect(tooLow.message).toMatch(/rejected by the node: 1010: Invalid Transaction: StakeAmountTooLow \(Custom 1\)$/);
      expect(await freeBalance(t.client, poor.address)).toBe(before);
      await expect(addStake(t.client, { signer: miner, hotkey: minerHot.address, netuid, amount: 0n })).rejects.toThrow(InvalidChainInputError);
    });
  });

  describe('setWeights', () => {
    it('sets the owner validator\'s weights, converted as the SDK does', async () => {
      const r = await setWeights(t.client, { signer: ownerHot, netuid, uids: [0, 1], weights: [0.25, 0.75] });
      expect(r.values).toEqual([21845, 65535]);
      const mg = await loadMetagraph(t.client, netuid);
      expect(mg.weights[0]).toEqual([[0, 21845], [1, 65535]]);
      expect(mg.lastUpdate[0]).toBe(r.blockNumber);
    });

    it('refuses early when too fast, and the chain agrees', async () => {
      await setHyperparameter(t.client, { signer: sudoKey, netuid, name: 'weights_rate_limit', value: 50 });
      const e = await refusal(setWeights(t.client, { signer: ownerHot, netuid, uids: [1], weights: [1] }));
      expect(e).toBeInstanceOf(OperationRefusedError);
      expect(e.error).toBe('SettingWeightsTooFast');
      expect(e.message).toMatch(/rate limit is 50 blocks; the next block that may set weights is #\d+/);
      const chain = await dispatchError(setWeights(t.client, { signer: ownerHot, netuid, uids: [1], weights: [1], skipChecks: true }));
      expect(chain.name).toBe('subtensorModule.SettingWeightsTooFast');
      await setHyperparameter(t.client, { signer: sudoKey, netuid, name: 'weights_rate_limit', value: 0 });
    });

    it('refuses a version key below the subnet\'s', async () => {
      await setHyperparameter(t.client, { signer: owner, netuid, name: 'weights_version', value: 7 });
      const e = await refusal(setWeights(t.client, { signer: ownerHot, netuid, uids: [1], weights: [1], versionKey: 6 }));
      expect(e.error).toBe('IncorrectWeightVersionKey');
      expect((await dispatchError(setWeights(t.client, { signer: ownerHot, netuid, uids: [1], weights: [1], versionKey: 6, skipChecks: true }))).name).toBe('subtensorModule.IncorrectWeightVersionKey');
      const ok = await setWeights(t.client, { signer: ownerHot, netuid, uids: [1], weights: [1] }); // the subnet's key by default
      expect(ok.versionKey).toBe(7n);
    });

    it('refuses an unregistered hotkey and a non-validator', async () => {
      expect((await refusal(setWeights(t.client, { signer: stranger, netuid, uids: [0], weights: [1] }))).error).toBe('HotKeyNotRegisteredInSubNet');
      // A neuron gets a validator permit at the first epoch after it registers; until then it has none.
      const fresh = dev.key('//Charlie//pog-fresh');
      const { uid } = await burnedRegister(t.client, { signer: miner, netuid, hotkey: fresh.address });
      expect((await loadMetagraph(t.client, netuid)).validatorPermit[uid]).toBe(false);
      expect((await refusal(setWeights(t.client, { signer: fresh, netuid, uids: [0], weights: [1] }))).error).toBe('NeuronNoValidatorPermit');
      await expect(setWeights(t.client, { signer: ownerHot, netuid, uids: [0, 1], weights: [1] })).rejects.toThrow(/bad weights/);
    });
  });

  describe('commitWeights / revealWeights', () => {
    let commit: CommitWeightsReturnType;

    it('refuses to commit while commit-reveal is off, then commits a v2 hash once it is on', async () => {
      expect((await refusal(commitWeights(t.client, { signer: ownerHot, netuid, uids: [0, 1], weights: [1, 1] }))).error).toBe('CommitRevealDisabled');
      await setHyperparameter(t.client, { signer: owner, netuid, name: 'commit_reveal_weights_enabled', value: true });
      await setHyperparameter(t.client, { signer: owner, netuid, name: 'commit_reveal_period', value: 1 });
      expect((await refusal(setWeights(t.client, { signer: ownerHot, netuid, uids: [0, 1], weights: [1, 1] }))).error).toBe('CommitRevealEnabled');
      commit = await commitWeights(t.client, { signer: ownerHot, netuid, uids: [0, 1], weights: [1, 3], salt: [1, 2, 3, 4, 5, 6, 7, 8] });
      expect(commit.commitHash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(commit.reveal).toMatchObject({ netuid, uids: [0, 1], values: [21845, 65535], versionKey: 7n });
      const w = commit.revealWindow;
      // tempo 10, netuid 1: epochs are 11 blocks; the reveal epoch is the next one.
      expect(w.revealEpoch).toBe(w.commitEpoch + 1);
      expect(Math.floor((commit.blockNumber + netuid + 1) / 11)).toBe(w.commitEpoch);
      expect(w.lastBlock - w.firstBlock).toBe(10);
      expect(Math.floor((w.firstBlock + netuid + 1) / 11)).toBe(w.revealEpoch);
      expect(Math.floor((w.firstBlock - 1 + netuid + 1) / 11)).toBe(w.commitEpoch);
    });

    it('refuses a reveal before its epoch with wait: false, and one that matches no commit', async () => {
      const e = await refusal(revealWeights(t.client, { signer: ownerHot, ...commit.reveal, wait: false }));
      expect(e.error).toBe('RevealTooEarly');
      expect(e.message).toContain(`may be revealed from block #${commit.revealWindow.firstBlock}`);
      expect((await refusal(revealWeights(t.client, { signer: ownerHot, ...commit.reveal, salt: [9] }))).error).toBe('InvalidRevealCommitHashNotMatch');
      expect((await refusal(revealWeights(t.client, { signer: minerHot, ...commit.reveal }))).error).toBe('NoWeightsCommitFound');
      const chain = await dispatchError(revealWeights(t.client, { signer: ownerHot, ...commit.reveal, skipChecks: true }));
      expect(chain.name).toBe('subtensorModule.RevealTooEarly');
    });

    it('waits for the reveal window, then reveals and sets the weights', async () => {
      const pending = revealWeights(t.client, { signer: ownerHot, ...commit.reveal, maxWaitMs: 20_000 });
      await new Promise((r) => setTimeout(r, 100));
      await t.devnet.node.newBlocks(commit.revealWindow.firstBlock - t.devnet.node.headNumber);
      const r = await pending;
      expect(r.blockNumber).toBeGreaterThanOrEqual(commit.revealWindow.firstBlock);
      expect(r.blockNumber).toBeLessThanOrEqual(commit.revealWindow.lastBlock);
      expect(r.events.some((e) => e.method === 'WeightsRevealed')).toBe(true);
      const mg = await loadMetagraph(t.client, netuid);
      expect(mg.weights[0]).toEqual([[0, 21845], [1, 65535]]);
    });

    it('refuses a reveal after its window as expired', async () => {
      const late = await commitWeights(t.client, { signer: ownerHot, netuid, uids: [1], weights: [1] });
      await t.devnet.node.newBlocks(late.revealWindow.lastBlock - t.devnet.node.headNumber);
      expect((await refusal(revealWeights(t.client, { signer: ownerHot, ...late.reveal }))).error).toBe('ExpiredWeightCommit');
      await setHyperparameter(t.client, { signer: owner, netuid, name: 'commit_reveal_weights_enabled', value: false });
    });
  });

  describe('setCommitment', () => {
    it('publishes data for a registered hotkey', async () => {
      await setCommitment(t.client, { signer: minerHot, netuid, fields: ['https://miner.example/pog'] });
      const c = await getCommitment(t.client, { netuid, hotkey: minerHot.address });
      expect(c!.text).toEqual(['https://miner.example/pog']);
      expect(await getCommitment(t.client, { netuid, hotkey: ownerHot.address })).toBeNull();
    });

    it('reports a hotkey that is not registered', async () => {
      expect((await dispatchError(setCommitment(t.client, { signer: stranger, netuid, fields: ['x'] }))).name).toBe('commitments.AccountNotAllowedCommit');
    });
  });

  describe('addStakeBurn / burnAlpha', () => {
    it('buys back and burns as the owner, and is refused for anyone else', async () => {
      const r = await addStakeBurn(t.client, { signer: owner, hotkey: ownerHot.address, netuid, amount: 2n * TAO });
      expect(r.alphaBurned).toBeGreaterThan(0n);
      expect((await dispatchError(addStakeBurn(t.client, { signer: miner, hotkey: minerHot.address, netuid, amount: TAO }))).name).toBe('BadOrigin');
    });

    it('burns staked alpha', async () => {
      const before = await getStake(t.client, { hotkey: minerHot.address, coldkey: miner.address, netuid });
      const r = await burnAlpha(t.client, { signer: miner, hotkey: minerHot.address, netuid, amount: 1000n });
      expect(r.burned).toBe(1000n);
      expect((await getStake(t.client, { hotkey: minerHot.address, coldkey: miner.address, netuid })).stake).toBe(before.stake - 1000n);
      expect((await dispatchError(burnAlpha(t.client, { signer: miner, hotkey: minerHot.address, netuid: 0, amount: 1n }))).name).toBe('subtensorModule.CannotBurnOrRecycleOnRootSubnet');
    });
  });

  describe('loadMetagraph', () => {
    it('holds every uid\'s keys, axon, stake, permits, weights and scores, the same from the runtime API and from storage', async () => {
      await addStake(t.client, { signer: owner, hotkey: ownerHot.address, netuid, amount: 100n * TAO }); // the validator's stake
      await setWeights(t.client, { signer: ownerHot, netuid, uids: [0, 1], weights: [0.25, 0.75] });
      await t.devnet.node.newBlocks(30); // a few epochs
      const at = (await t.client.api.rpc.chain.getHeader()).hash.toHex();
      const mg = await loadMetagraph(t.client, netuid, { at });
      expect(mg.source).toBe('runtime-api');
      expect(mg.n).toBe(3);
      expect(mg.uids).toEqual([0, 1, 2]);
      expect(mg.hotkeys).toEqual([ownerHot.address, minerHot.address, dev.key('//Charlie//pog-fresh').address]);
      expect(mg.coldkeys).toEqual([owner.address, miner.address, miner.address]);
      const minerStake = await getStake(t.client, { hotkey: minerHot.address, coldkey: miner.address, netuid, at });
      expect(mg.stake[1]).toBe(minerStake.hotkeyTotal);
      expect(mg.weights[0]).toEqual([[0, 21845], [1, 65535]]);
      expect(mg.weights[2]).toEqual([]);
      for (const v of [...mg.incentive, ...mg.dividends, ...mg.consensus, ...mg.validatorTrust]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(mg.incentive[1]).toBeGreaterThan(0); // the owner validator weighted the miner
      expect(mg.active).toEqual([true, true, true]);
      expect(mg.validatorPermit[0]).toBe(true);
      expect(mg.emission.every((e) => typeof e === 'bigint')).toBe(true);

      const fromStorage = await loadMetagraph(t.client, netuid, { at, source: 'storage' });
      expect({ ...fromStorage, source: 'runtime-api' }).toEqual(mg);
    });

    it('fails clearly for a subnet that does not exist', async () => {
      await expect(loadMetagraph(t.client, 77)).rejects.toThrow(/subnet 77 does not exist/);
    });
  });
});
