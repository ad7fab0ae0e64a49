import { runEpoch, type EpochInput } from '../../../../../../src/chain/devnet/yuma';
import { runCoinbase } from '../../../../../../src/chain/devnet/pallets/subtensor/coinbase';
import { delegateTake } from '../../../../../../src/chain/devnet/pallets/subtensor/coinbase-payout';
import { addStakeAlpha, stakeOf } from '../../../../../../src/chain/devnet/pallets/subtensor/stake';
import { Bench, addr } from '../weights/bench';

/**
 * A hand-made subnet (netuid 1, tempo 10: its epoch runs on block 8) with two validators and
 * three miners, emitting from block 1. The coinbase must store exactly what `runEpoch` returns
 * for the same state and pay it out as stake.
 */
const ALPHA = 1_000_000_000n;
const BLOCKS = 8n;
const OWNER_CUT = BLOCKS * 179_995_422n;
const HALF = BLOCKS * 410_002_288n;
const V1 = addr('V1');
const V2 = addr('V2');
const MINERS = [addr('M1'), addr('M2'), addr('M3')];
const OWNER = addr('Alice');
const OWNER_HOT = addr('OwnerHot');
const V1_COLD = addr('V1Cold');
const NOMINATOR = addr('Nominator');

function subnet(b: Bench, opts: { ownerMines?: boolean } = {}): void {
  b.addSubnet(1, { tempo: 10, owner: OWNER, ownerHotkey: OWNER_HOT });
  b.write('SubtokenEnabled', [1], true);
  b.write('FirstEmissionBlockNumber', [1], 1);
  b.write('Yuma3On', [1], true);
  b.addNeuron(1, V1, { coldkey: V1_COLD, permit: true, stake: 300n * ALPHA });
  addStakeAlpha(b.storage, V1, NOMINATOR, 1, 300n * ALPHA);
  b.addNeuron(1, V2, { coldkey: addr('V2Cold'), permit: true, stake: 400n * ALPHA });
  for (const m of MINERS) b.addNeuron(1, m, { coldkey: addr('MinerCold') });
  if (opts.ownerMines) b.addNeuron(1, OWNER_HOT, { coldkey: OWNER });
  b.write('LastUpdate', [1], [5, 6, 0, 0, 0, 0].slice(0, opts.ownerMines ? 6 : 5));
  // Both validators rank the miners 1 : 2 : 3 (and weight the owner's uid when it mines).
  const owner = opts.ownerMines ? [[5, 65_535]] : [];
  b.write('Weights', [1, 0], [[2, 21_845], [3, 43_690], [4, 65_535], ...owner]);
  b.write('Weights', [1, 1], [[2, 10_000], [3, 20_000], [4, 30_000], ...owner]);
}

/** The same state written as an EpochInput by hand. */
function handInput(ownerMines: boolean): EpochInput {
  const n = ownerMines ? 6 : 5;
  const owner: [number, number][] = ownerMines ? [[5, 65_535]] : [];
  return {
    currentBlock: 8,
    activityCutoffBlocks: 5_000,
    kappa: 32_767,
    bondsMovingAverage: 900_000,
    bondsPenalty: 65_535,
    yuma3: true,
    maxAllowedValidators: 128,
    stakeThreshold: 0n,
    ownerUid: ownerMines ? 5 : null,
    stake: [600n * ALPHA, 400n * ALPHA, 0n, 0n, 0n, 0n].slice(0, n),
    lastUpdate: [5, 6, 0, 0, 0, 0].slice(0, n),
    blockAtRegistration: new Array<number>(n).fill(0),
    weights: [
      [[2, 21_845], [3, 43_690], [4, 65_535], ...owner],
      [[2, 10_000], [3, 20_000], [4, 30_000], ...owner],
      ...new Array<[number, number][]>(n - 2).fill([]),
    ],
    bonds: new Array<[number, number][]>(n).fill([]),
    minerEmission: HALF,
    validatorEmission: HALF,
    prevValidatorPermit: [true, true, false, false, false, false].slice(0, n),
    tempo: 10,
  };
}

async function runTo8(ownerMines = false): Promise<Bench> {
  const b = await Bench.create();
  subnet(b, { ownerMines });
  for (let block = 1; block <= 8; block++) {
    b.block = block;
    runCoinbase(b.context());
  }
  return b;
}

describe('coinbase epoch', () => {
  it('stores runEpoch’s output for the subnet', async () => {
    const b = await runTo8();
    const out = runEpoch(handInput(false));
    expect(out.incentive).toEqual([0, 0, 10_922, 21_845, 32_767]);
    expect(out.dividends.slice(0, 2).every((d) => d > 0)).toBe(true);
    expect(b.read('Incentive', [1])).toEqual(out.incentive);
    expect(b.read('Dividends', [1])).toEqual(out.dividends);
    expect(b.read('Consensus', [1])).toEqual(out.consensus);
    expect(b.read('ValidatorTrust', [1])).toEqual(out.validatorTrust);
    expect(b.read('ValidatorPermit', [1])).toEqual(out.validatorPermit);
    expect(b.read('Active', [1])).toEqual(out.active);
    expect(b.read('StakeWeight', [1])).toEqual(out.stakeWeight);
    expect(b.read('Emission', [1])).toEqual(out.emission.map(Number));
    for (let uid = 0; uid < 5; uid++) expect(b.read('Bonds', [1, uid])).toEqual(out.bonds[uid]);
  });

  it('pays incentive to miners, dividends to validators and the owner cut to the owner hotkey, then drains pending', async () => {
    const b = await runTo8();
    const out = runEpoch(handInput(false));
    const alpha = (h: string) => BigInt(b.read('TotalHotkeyAlpha', [h, 1]) as number);
    expect(alpha(V1)).toBe(600n * ALPHA + out.dividendEmission[0]!);
    expect(alpha(V2)).toBe(400n * ALPHA + out.dividendEmission[1]!);
    expect(MINERS.map(alpha)).toEqual(out.incentiveEmission.slice(2));
    expect(MINERS.map((m) => stakeOf(b.storage, m, addr('MinerCold'), 1))).toEqual(out.incentiveEmission.slice(2));
    // V1's coldkey first gets the 18% delegate take as its own stake; the rest raises every share.
    const divs = out.dividendEmission[0]!;
    const take = delegateTake(divs);
    expect(take).toBe((divs * 773_074_452n) >> 32n);
    expect(stakeOf(b.storage, V1, NOMINATOR, 1)).toBe((300n * ALPHA * (600n * ALPHA + divs)) / (600n * ALPHA + take));
    expect(stakeOf(b.storage, V1, V1_COLD, 1)).toBe(((300n * ALPHA + take) * (600n * ALPHA + divs)) / (600n * ALPHA + take));
    expect(alpha(OWNER_HOT)).toBe(OWNER_CUT);
    expect(stakeOf(b.storage, OWNER_HOT, OWNER, 1)).toBe(OWNER_CUT);
    const paid = out.emission.reduce((a, e) => a + e, 0n);
    expect(paid + out.undistributed).toBe(2n * HALF);
    expect(b.read('SubnetAlphaOut', [1])).toBe(Number(BLOCKS * ALPHA));
    expect([b.read('PendingServerEmission', [1]), b.read('PendingValidatorEmission', [1]), b.read('PendingOwnerCut', [1])]).toEqual([0, 0, 0]);
    expect(b.read('BlocksSinceLastStep', [1])).toBe(0);
  });

  it('burns the miner alpha that lands on the owner’s uid and shows it in Emission', async () => {
    const b = await runTo8(true);
    const out = runEpoch(handInput(true));
    expect(out.withheldOwnerIncentive > 0n).toBe(true);
    expect(b.read('Incentive', [1])).toEqual(out.incentive);
    expect(b.read('Emission', [1])).toEqual(out.emission.map((e, uid) => Number(uid === 5 ? e + out.withheldOwnerIncentive : e)));
    expect(b.read('SubnetAlphaOut', [1])).toBe(Number(BLOCKS * ALPHA - out.withheldOwnerIncentive));
    expect(BigInt(b.read('TotalHotkeyAlpha', [OWNER_HOT, 1]) as number)).toBe(OWNER_CUT + out.dividendEmission[5]!);
  });

  it('the next epoch reads the stored bonds and permits back', async () => {
    const b = await runTo8();
    const first = runEpoch(handInput(false));
    // The second epoch sees the stake as the first one's payout left it.
    const stake = [V1, V2, ...MINERS].map((h) => BigInt(b.read('TotalHotkeyAlpha', [h, 1]) as number));
    for (let block = 9; block <= 19; block++) {
      b.block = block;
      runCoinbase(b.context());
    }
    const second = runEpoch({
      ...handInput(false),
      currentBlock: 19,
      stake,
      bonds: first.bonds,
      prevValidatorPermit: first.validatorPermit,
      minerEmission: 11n * 410_002_288n,
      validatorEmission: 11n * 410_002_288n,
    });
    expect(b.read('Dividends', [1])).toEqual(second.dividends);
    expect(b.read('Incentive', [1])).toEqual(second.incentive);
    for (let uid = 0; uid < 2; uid++) expect(b.read('Bonds', [1, uid])).toEqual(second.bonds[uid]);
  });
});
