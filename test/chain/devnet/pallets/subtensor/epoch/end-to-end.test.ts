import { hexToU8a, u8aToHex } from '@polkadot/util';
import { startTestChain, type TestChain } from '../../../support/test-chain';
import { nextEpochBlock, ok, produceTo, subnetWithNeurons, type Neurons } from '../weights/chain-fixture';

/**
 * The whole loop through the dev chain: register a network and neurons, stake, start
 * emission, let the first epoch grant validator permits, set weights, and read the next
 * epoch's incentive, dividends and emission from storage and from get_metagraph.
 */
const OWNER_CUT_PER_BLOCK = 179_995_422n;

describe('subnet lifecycle through set_weights and the coinbase', () => {
  let chain: TestChain;
  let net: Neurons;
  let firstEmission: number;
  let epoch2: number;
  const sub = (item: string, keys: unknown[] = []) => chain.read('SubtensorModule', item, keys);
  const alpha = (hotkey: string) => BigInt(sub('TotalHotkeyAlpha', [hotkey, net.netuid]) as number);
  let before: bigint[];

  beforeAll(async () => {
    chain = await startTestChain();
    net = await subnetWithNeurons(chain, { commitReveal: false });
    firstEmission = sub('FirstEmissionBlockNumber', [net.netuid]) as number;
    const tempo = sub('Tempo', [net.netuid]) as number;
    const epoch1 = nextEpochBlock(net.netuid, tempo, chain.node.headNumber);
    produceTo(chain, epoch1);
    const [v1, v2] = net.validators;
    ok(await chain.submit(v1!, chain.call('subtensorModule', 'setWeights', net.netuid, [3, 4, 5], [1, 2, 3], 0)));
    ok(await chain.submit(v2!, chain.call('subtensorModule', 'setWeights', net.netuid, [3, 4, 5], [10_000, 20_000, 30_000], 0)));
    epoch2 = nextEpochBlock(net.netuid, tempo, chain.node.headNumber);
    produceTo(chain, epoch2 - 1);
    before = [net.owner, ...[...net.validators, ...net.miners].map((p) => p.address)].map(alpha);
    produceTo(chain, epoch2);
  });
  afterAll(() => chain.close());

  it('the first epoch granted permits to the staked validators and the owner', () => {
    expect(sub('ValidatorPermit', [net.netuid])).toEqual([true, true, true, false, false, false]);
    expect(sub('Weights', [net.netuid, 1])).toEqual([[3, 21_845], [4, 43_690], [5, 65_535]]);
  });

  it('the next epoch pays the miners by the validators’ consensus and the validators by their bonds', () => {
    expect(sub('Incentive', [net.netuid])).toEqual([0, 0, 0, 10_922, 21_845, 32_767]);
    const dividends = sub('Dividends', [net.netuid]) as number[];
    expect(dividends.map((d) => d > 0)).toEqual([false, true, true, false, false, false]);
    const emission = (sub('Emission', [net.netuid]) as number[]).map(BigInt);
    const after = [net.owner, ...[...net.validators, ...net.miners].map((p) => p.address)].map(alpha);
    // Each neuron's stake grew by exactly its Emission entry (the owner's uid earned nothing).
    expect(after.map((a, uid) => a - before[uid]!).slice(1)).toEqual(emission.slice(1));
    expect(emission[0]).toBe(0n);
    // The owner's hotkey holds every owner cut since emission started.
    expect(after[0]).toBe(BigInt(epoch2 - firstEmission + 1) * OWNER_CUT_PER_BLOCK);
    expect(sub('PendingServerEmission', [net.netuid])).toBe(0);
    expect(sub('BlocksSinceLastStep', [net.netuid])).toBe(0);
  });

  it('get_metagraph reports the epoch', () => {
    const md = chain.node.md;
    const api = md.json.apis.find((a) => a.name === 'SubnetInfoRuntimeApi')!;
    const arg = u8aToHex(md.registry.createType('u16', net.netuid).toU8a()) as `0x${string}`;
    const out = chain.node.call('SubnetInfoRuntimeApi_get_metagraph', arg);
    const m = md.registry.createType(md.registry.createLookupType(api.methods[0]!.output), hexToU8a(out)).toJSON() as Record<string, unknown>;
    expect(m.netuid).toBe(net.netuid);
    expect(m.block).toBe(epoch2);
    expect(m.lastStep).toBe(epoch2);
    expect(m.numUids).toBe(6);
    expect(m.hotkeys).toEqual([net.owner, ...[...net.validators, ...net.miners].map((p) => p.address)]);
    expect(m.coldkeys).toEqual([chain.keys.alice, chain.keys.bob, chain.keys.charlie, chain.keys.dave, chain.keys.eve, chain.keys.ferdie].map((p) => p.address));
    expect(m.incentives).toEqual(sub('Incentive', [net.netuid]));
    expect(m.dividends).toEqual(sub('Dividends', [net.netuid]));
    expect(m.emission).toEqual(sub('Emission', [net.netuid]));
    expect(m.validatorPermit).toEqual([true, true, true, false, false, false]);
    expect(m.alphaStake).toEqual([net.owner, ...[...net.validators, ...net.miners].map((p) => p.address)].map((h) => Number(alpha(h))));
  });
});
