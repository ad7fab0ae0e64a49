import '@polkadot/api-augment';
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Codec } from '@polkadot/types/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import { connectDevnet, send, type DevnetApi, type Outcome } from './devnet-api';

/**
 * Subtensor's subnet life cycle driven with plain @polkadot/api over the dev chain's
 * WebSocket, the way btcli-like tools and the SDK e2e tests drive a localnet.
 */
const TAO = 10n ** 9n;
const U16 = 65_535;

describe('subtensor through plain @polkadot/api', () => {
  let t: DevnetApi;
  let api: ApiPromise;
  let netuid: number;
  let tempo: number;
  const key = (uri: string) => t.keyring.addFromUri(uri);
  const st = () => api.tx.subtensorModule!;
  const au = () => api.tx.adminUtils!;
  const q = () => api.query.subtensorModule!;
  const tx = (section: ReturnType<typeof st>, method: string, ...args: unknown[]) =>
    (section[method] as unknown as (...a: unknown[]) => SubmittableExtrinsic<'promise'>)(...args);
  const query = async (item: string, ...args: unknown[]): Promise<Codec> =>
    (q()[item] as unknown as (...a: unknown[]) => Promise<Codec>)(...args);
  const json = async (item: string, ...args: unknown[]) => (await query(item, ...args)).toJSON();
  const ok = async (p: Promise<Outcome>) => {
    const r = await p;
    if (r.error) throw new Error(`extrinsic failed: ${r.error}`);
    return r;
  };
  const sudo = async (call: SubmittableExtrinsic<'promise'>) => {
    const r = await ok(send(api, api.tx.sudo.sudo(call), t.alice));
    expect(r.events).toContain('sudo.Sudid');
  };
  /** Empty blocks over JSON-RPC (`dev_newBlock`, as chopsticks names it). */
  const newBlocks = (count: number) =>
    (api as unknown as { _rpcCore: { provider: { send(m: string, p: unknown[]): Promise<unknown> } } })._rpcCore.provider.send('dev_newBlock', [{ count }]);
  const head = async () => (await api.rpc.chain.getHeader()).number.toNumber();
  /** Subtensor runs a subnet's epoch on the block where (block + netuid + 1) % (tempo + 1) == tempo. */
  const nextEpochBlock = (after: number) => {
    let b = after + 1;
    while ((b + netuid + 1) % (tempo + 1) !== tempo) b++;
    return b;
  };
  const produceTo = async (block: number) => {
    const h = await head();
    if (block > h) await newBlocks(block - h);
  };
  /** Moves past the next epoch if it would fall within the next `blocks` blocks (an epoch sees the state as it is). */
  const clearOfEpoch = async (blocks: number) => {
    const h = await head();
    const next = nextEpochBlock(h);
    if (next <= h + blocks) await produceTo(next);
  };

  const owner = () => key('//OwnerHot');
  const v1 = () => key('//V1');
  const v2 = () => key('//V2');
  const miners = () => [key('//M1'), key('//M2'), key('//M3')];

  beforeAll(async () => {
    t = await connectDevnet();
    api = t.api;
  });
  afterAll(() => t.close());

  it('creates a subnet with register_network: netuid 1, owner hotkey at uid 0', async () => {
    const r = await ok(send(api, tx(st(), 'registerNetwork', owner().address), t.alice));
    expect(r.events).toContain('subtensorModule.NetworkAdded');
    netuid = 1;
    expect(await json('subnetOwner', netuid)).toBe(t.alice.address);
    expect(await json('keys', netuid, 0)).toBe(owner().address);
    expect(await json('totalNetworks')).toBe(2);
    tempo = (await json('tempo', netuid)) as number;
    expect(tempo).toBe(10);
    expect(await json('commitRevealWeightsEnabled', netuid)).toBe(true);
    await sudo(tx(au(), 'sudoSetAdminFreezeWindow', 0));
  });

  it('registers neurons with burned_register and refuses a second registration of a hotkey', async () => {
    const coldkeys = [t.bob, key('//Charlie'), key('//Dave'), key('//Eve'), key('//Ferdie')];
    const hotkeys = [v1(), v2(), ...miners()];
    for (const [i, hot] of hotkeys.entries()) {
      const r = await ok(send(api, tx(st(), 'burnedRegister', netuid, hot.address), coldkeys[i]!));
      expect(r.events).toContain('subtensorModule.NeuronRegistered');
      expect(await json('uids', netuid, hot.address)).toBe(i + 1);
    }
    expect(await json('subnetworkN', netuid)).toBe(6);
    const again = await send(api, tx(st(), 'burnedRegister', netuid, v1().address), t.bob);
    expect(again.error).toBe('subtensorModule.HotKeyAlreadyRegisteredInSubNet');
  });

  it('serves an axon and rejects a loopback address', async () => {
    const m1 = miners()[0]!;
    const ip = (10 << 24) + 1; // 10.0.0.1
    const r = await ok(send(api, tx(st(), 'serveAxon', netuid, 1, ip, 8091, 4, 4, 0, 0), m1));
    expect(r.events).toContain('subtensorModule.AxonServed');
    expect(await json('axons', netuid, m1.address)).toMatchObject({ ip, port: 8091, ipType: 4, protocol: 4, version: 1 });
    // Refused in the pool by subtensor's transaction extension (InvalidIpAddress is Custom 11), not in a block with a fee.
    await expect(send(api, tx(st(), 'serveAxon', netuid, 1, 0x7f000001, 8091, 4, 4, 0, 0), miners()[1]!)).rejects.toThrow('1010: Invalid Transaction: Custom error: 11');
  });

  it('starts the subnet and stakes through its pool', async () => {
    const started = await ok(send(api, tx(st(), 'startCall', netuid), t.alice));
    expect(started.events).toContain('subtensorModule.FirstEmissionBlockNumberSet');
    const poolBefore = BigInt((await json('subnetTAO', netuid)) as number);
    const r = await ok(send(api, tx(st(), 'addStake', v1().address, netuid, 100n * TAO), t.bob));
    expect(r.events).toContain('subtensorModule.StakeAdded');
    expect(BigInt((await json('subnetTAO', netuid)) as number)).toBeGreaterThan(poolBefore);
    await ok(send(api, tx(st(), 'addStake', v2().address, netuid, 50n * TAO), key('//Charlie')));
    const a1 = BigInt((await json('totalHotkeyAlpha', v1().address, netuid)) as number);
    const a2 = BigInt((await json('totalHotkeyAlpha', v2().address, netuid)) as number);
    expect(a1).toBeGreaterThan(a2);
    expect(a2).toBeGreaterThan(0n);
    // Unstaking in the same block as staking is refused; later it pays TAO back.
    await newBlocks(1);
    const bobBefore = (await api.query.system.account(t.bob.address)).data.free.toBigInt();
    const out = await ok(send(api, tx(st(), 'removeStake', v1().address, netuid, TAO), t.bob));
    expect(out.events).toContain('subtensorModule.StakeRemoved');
    expect((await api.query.system.account(t.bob.address)).data.free.toBigInt()).toBeGreaterThan(bobBefore);
  });

  describe('set_weights validation, one rule at a time', () => {
    const setWeights = (signer: KeyringPair, uids: number[], weights: number[], versionKey = 0, net = netuid) =>
      send(api, tx(st(), 'setWeights', net, uids, weights, versionKey), signer);

    beforeAll(async () => {
      // Validator permits are granted by an epoch.
      await produceTo(nextEpochBlock(await head()));
      expect(((await json('validatorPermit', netuid)) as boolean[]).slice(0, 3)).toEqual([true, true, true]);
    });

    it('CommitRevealEnabled while commit-reveal is on (the subnet default)', async () => {
      expect((await setWeights(v1(), [3], [1])).error).toBe('subtensorModule.CommitRevealEnabled');
      await sudo(tx(au(), 'sudoSetCommitRevealWeightsEnabled', netuid, false));
      await sudo(tx(au(), 'sudoSetWeightsSetRateLimit', netuid, 0));
    });
    it('CanNotSetRootNetworkWeights on netuid 0', async () => {
      // Commit-reveal defaults to on for every subnet, root included, and is checked first.
      await sudo(tx(au(), 'sudoSetCommitRevealWeightsEnabled', 0, false));
      expect((await setWeights(v1(), [0], [1], 0, 0)).error).toBe('subtensorModule.CanNotSetRootNetworkWeights');
    });
    it('WeightVecNotEqualSize', async () => {
      expect((await setWeights(v1(), [3, 4], [1])).error).toBe('subtensorModule.WeightVecNotEqualSize');
    });
    it('UidsLengthExceedUidsInSubNet', async () => {
      expect((await setWeights(v1(), [0, 1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1, 1])).error).toBe('subtensorModule.UidsLengthExceedUidsInSubNet');
    });
    it('HotKeyNotRegisteredInSubNet', async () => {
      expect((await setWeights(key('//Stranger'), [3], [1])).error).toBe('subtensorModule.HotKeyNotRegisteredInSubNet');
    });
    it('NotEnoughStakeToSetWeights below the stake threshold', async () => {
      // An epoch under the raised threshold would revoke every permit: keep it out of the way.
      await clearOfEpoch(4);
      await sudo(tx(au(), 'sudoSetStakeThreshold', 10n ** 18n));
      expect((await setWeights(v1(), [3], [1])).error).toBe('subtensorModule.NotEnoughStakeToSetWeights');
      await sudo(tx(au(), 'sudoSetStakeThreshold', 0));
    });
    it('IncorrectWeightVersionKey below the subnet version key', async () => {
      await sudo(tx(au(), 'sudoSetWeightsVersionKey', netuid, 7));
      expect((await setWeights(v1(), [3], [1], 6)).error).toBe('subtensorModule.IncorrectWeightVersionKey');
      expect((await setWeights(v1(), [3], [1], 7)).error).toBeUndefined();
      await sudo(tx(au(), 'sudoSetWeightsVersionKey', netuid, 0));
    });
    it('SettingWeightsTooFast within the rate limit', async () => {
      await sudo(tx(au(), 'sudoSetWeightsSetRateLimit', netuid, 100));
      expect((await setWeights(v1(), [3], [1])).error).toBe('subtensorModule.SettingWeightsTooFast');
      await sudo(tx(au(), 'sudoSetWeightsSetRateLimit', netuid, 0));
    });
    it('NeuronNoValidatorPermit for a miner weighting others', async () => {
      expect((await setWeights(miners()[0]!, [4], [1])).error).toBe('subtensorModule.NeuronNoValidatorPermit');
    });
    it('DuplicateUids', async () => {
      expect((await setWeights(v1(), [3, 3], [1, 1])).error).toBe('subtensorModule.DuplicateUids');
    });
    it('UidVecContainInvalidOne', async () => {
      expect((await setWeights(v1(), [3, 6], [1, 1])).error).toBe('subtensorModule.UidVecContainInvalidOne');
    });
    it('WeightVecLengthIsLow below min_allowed_weights', async () => {
      await sudo(tx(au(), 'sudoSetMinAllowedWeights', netuid, 3));
      expect((await setWeights(v1(), [3, 4], [1, 1])).error).toBe('subtensorModule.WeightVecLengthIsLow');
      await sudo(tx(au(), 'sudoSetMinAllowedWeights', netuid, 1));
    });
    it('stores accepted weights max-upscaled to u16 and emits WeightsSet, fee-free', async () => {
      const before = (await api.query.system.account(v1().address)).data.free.toBigInt();
      const r = await setWeights(v1(), [3, 4, 5], [1, 2, 3]);
      expect(r.error).toBeUndefined();
      expect(r.events).toEqual(['subtensorModule.WeightsSet', 'system.ExtrinsicSuccess']);
      expect(await json('weights', netuid, 1)).toEqual([[3, 21_845], [4, 43_690], [5, U16]]);
      expect((await api.query.system.account(v1().address)).data.free.toBigInt()).toBe(before);
    });
  });

  it('runs Yuma consensus at the epoch: consensus at the stake majority, the minority clipped', async () => {
    // V1 (the stake majority) weights the miners 1:2:3, V2 weights them 3:2:1.
    await ok(send(api, tx(st(), 'setWeights', netuid, [3, 4, 5], [3, 2, 1], 0), v2()));
    const epoch = nextEpochBlock(await head());
    await produceTo(epoch - 1);
    const alpha = async (hot: KeyringPair) => Number(await json('totalHotkeyAlpha', hot.address, netuid));
    const [s1, s2] = [await alpha(v1()), await alpha(v2())];
    expect(s1 / (s1 + s2)).toBeGreaterThan(0.5);
    await produceTo(epoch);
    // Hand-computed: C = V1's row (1/6, 2/6, 3/6) since V1 holds more than κ = 1/2 of the stake;
    // V2's row clipped to min(W, C) = (1/6, 2/6, 1/6); trust(V2) = 4/6;
    // incentive ∝ s1·W1 + s2·W̄2 = ((s1+s2)/6, 2(s1+s2)/6, (3 s1 + s2)/6).
    const consensus = (await json('consensus', netuid)) as number[];
    expect(consensus.slice(3)).toEqual([10_922, 21_845, 32_767]);
    const trust = (await json('validatorTrust', netuid)) as number[];
    expect(trust[1]).toBe(U16);
    expect(trust[2]).toBe(43_690);
    const raw = [s1 + s2, 2 * (s1 + s2), 3 * s1 + s2];
    const sum = raw.reduce((a, b) => a + b, 0);
    const incentive = ((await json('incentive', netuid)) as number[]).slice(3);
    incentive.forEach((v, i) => expect(Math.abs(v - Math.floor((U16 * raw[i]!) / sum))).toBeLessThanOrEqual(1));
    const dividends = (await json('dividends', netuid)) as number[];
    expect(dividends[1]!).toBeGreaterThan(dividends[2]!);
    const emission = (await json('emission', netuid)) as number[];
    expect(emission[5]!).toBeGreaterThan(emission[4]!);
    expect(emission[4]!).toBeGreaterThan(emission[3]!);
  });

  it('answers the neuron and metagraph runtime APIs', async () => {
    const neurons = (await api.call.neuronInfoRuntimeApi!.getNeuronsLite!(netuid)).toJSON() as { hotkey: string; uid: number; axonInfo: { port: number }; incentive: number }[];
    expect(neurons.map((n) => n.uid)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(neurons[3]!.hotkey).toBe(miners()[0]!.address);
    expect(neurons[3]!.axonInfo.port).toBe(8091);
    const incentive = (await json('incentive', netuid)) as number[];
    expect(neurons.map((n) => n.incentive)).toEqual(incentive);
    const metagraph = (await api.call.subnetInfoRuntimeApi!.getMetagraph!(netuid)).toJSON() as { hotkeys: string[]; numUids: number } | null;
    expect(metagraph!.numUids).toBe(6);
    expect(metagraph!.hotkeys[1]).toBe(v1().address);
    expect((await api.call.subnetInfoRuntimeApi!.getMetagraph!(99)).toJSON()).toBeNull();
  });

  it('commit-reveal v2: commit, refuse an early reveal, reveal in the next epoch', async () => {
    await sudo(tx(au(), 'sudoSetCommitRevealWeightsEnabled', netuid, true));
    const uids = [3, 4, 5];
    const values = [5, 5, 5];
    const salt = [1, 2, 3, 4];
    // subtensor's hash: blake2_256(SCALE((hotkey, netuid, uids, values, salt, version_key)))
    const hash = blake2AsHex(
      u8aConcat(
        decodeAddress(v1().address),
        api.createType('u16', netuid).toU8a(),
        api.createType('Vec<u16>', uids).toU8a(),
        api.createType('Vec<u16>', values).toU8a(),
        api.createType('Vec<u16>', salt).toU8a(),
        api.createType('u64', 0).toU8a(),
      ),
      256,
    );
    const committed = await ok(send(api, tx(st(), 'commitWeights', netuid, hash), v1()));
    expect(committed.events).toContain('subtensorModule.WeightsCommitted');
    const early = await send(api, tx(st(), 'revealWeights', netuid, uids, values, salt, 0), v1());
    expect(early.error).toBe('subtensorModule.RevealTooEarly');
    await produceTo(nextEpochBlock(await head()));
    const revealed = await ok(send(api, tx(st(), 'revealWeights', netuid, uids, values, salt, 0), v1()));
    expect(revealed.events).toContain('subtensorModule.WeightsRevealed');
    expect(await json('weights', netuid, 1)).toEqual([[3, U16], [4, U16], [5, U16]]);
    expect(u8aToHex(decodeAddress(v1().address))).toHaveLength(66);
  });

  it('buyback-and-burn: add_stake_burn emits AddStakeBurn and the alpha supply falls by the burned amount', async () => {
    const supply = async () =>
      BigInt((await json('subnetAlphaIn', netuid)) as number) + BigInt((await json('totalHotkeyAlpha', owner().address, netuid)) as number);
    const before = await supply();
    const r = await ok(send(api, tx(st(), 'addStakeBurn', owner().address, netuid, 10n * TAO, null), t.alice));
    expect(r.events).toContain('subtensorModule.AddStakeBurn');
    const events = await (await api.at(r.blockHash)).query.system.events();
    const burn = events.find((e) => e.event.section === 'subtensorModule' && e.event.method === 'AddStakeBurn')!;
    const [burnNetuid, hotkey, amount, burned] = burn.event.data.toJSON() as [number, string, number, number];
    expect([burnNetuid, hotkey, BigInt(amount)]).toEqual([netuid, owner().address, 10n * TAO]);
    expect(burned).toBeGreaterThan(0);
    expect(await supply()).toBe(before - BigInt(burned));
    const notOwner = await send(api, tx(st(), 'addStakeBurn', owner().address, netuid, TAO, null), t.bob);
    expect(notOwner.error).toBe('BadOrigin');
  });

  it('publishes a commitment from a registered hotkey', async () => {
    const r = await ok(send(api, api.tx.commitments!.setCommitment!(netuid, { fields: [{ Raw4: '0x706f6721' }] }), v1()));
    expect(r.events).toContain('commitments.Commitment');
    const stored = (await api.query.commitments!.commitmentOf!(netuid, v1().address)).toJSON() as { info: { fields: unknown[] } };
    expect(stored.info.fields).toEqual([{ raw4: '0x706f6721' }]);
    const stranger = await send(api, api.tx.commitments!.setCommitment!(netuid, { fields: [] }), key('//Stranger'));
    expect(stranger.error).toBe('commitments.AccountNotAllowedCommit');
  });
});
