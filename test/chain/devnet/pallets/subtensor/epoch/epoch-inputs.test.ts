import { readEpochState } from '../../../../../../src/chain/devnet/pallets/subtensor/epoch-inputs';
import { Bench, addr } from '../weights/bench';

/** How the coinbase reads a subnet into an EpochInput. */
describe('epoch input from storage', () => {
  async function subnet(): Promise<Bench> {
    const b = await Bench.create();
    b.addSubnet(1, { tempo: 7, ownerHotkey: addr('B') });
    b.write('Kappa', [1], 40_000);
    b.write('BondsPenalty', [1], 100);
    b.write('MaxAllowedValidators', [1], 3);
    b.write('ActivityCutoff', [1], 77);
    b.write('StakeThreshold', [], 5n);
    b.addNeuron(1, addr('A'), { stake: 11n, registeredAt: 4 });
    b.addNeuron(1, addr('B'), { stake: 22n, registeredAt: 5, permit: true });
    b.addNeuron(1, addr('C'), { registeredAt: 6 });
    return b;
  }

  it('reads parameters, per-uid vectors padded to SubnetworkN, and the owner uid', async () => {
    const b = await subnet();
    b.write('LastUpdate', [1], [9]);
    const { input, hotkeys } = readEpochState(b.storage, 1, 30, { miner: 3n, validator: 4n });
    expect(hotkeys).toEqual([addr('A'), addr('B'), addr('C')]);
    expect(input).toEqual({
      currentBlock: 30,
      activityCutoffBlocks: 77,
      kappa: 40_000,
      bondsMovingAverage: 900_000,
      bondsPenalty: 100,
      yuma3: false,
      maxAllowedValidators: 3,
      stakeThreshold: 5n,
      ownerUid: 1,
      stake: [11n, 22n, 0n],
      lastUpdate: [9, 0, 0],
      blockAtRegistration: [4, 5, 6],
      weights: [[], [], []],
      bonds: [[], [], []],
      minerEmission: 3n,
      validatorEmission: 4n,
      prevValidatorPermit: [false, true, false],
      tempo: 7,
    });
  });

  it('drops stored row entries for uids outside the subnet and repeated uids', async () => {
    const b = await subnet();
    b.write('Weights', [1, 1], [[0, 5], [9, 7], [2, 6], [0, 8]]);
    b.write('Bonds', [1, 0], [[3, 1], [1, 2]]);
    const { input } = readEpochState(b.storage, 1, 30, { miner: 0n, validator: 0n });
    expect(input.weights).toEqual([[], [[0, 5], [2, 6]], []]);
    expect(input.bonds).toEqual([[[1, 2]], [], []]);
  });

  it('a subnet without stored permits lets its first epoch use the new ones', async () => {
    const b = await subnet();
    b.write('ValidatorPermit', [1], []);
    expect(readEpochState(b.storage, 1, 30, { miner: 0n, validator: 0n }).input.prevValidatorPermit).toBeUndefined();
  });
});
