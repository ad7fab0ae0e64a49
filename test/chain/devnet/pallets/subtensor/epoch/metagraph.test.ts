import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { Hex } from '../../../../../../src/chain/devnet/rpc/backend';
import { RuntimeApiTable } from '../../../../../../src/chain/devnet/runtime-api/runtime-api-table';
import { subnetInfoApi } from '../../../../../../src/chain/devnet/runtime-api/metagraph-api';
import type { RuntimeApiContext } from '../../../../../../src/chain/devnet/runtime-api/runtime-api';
import { runCoinbase } from '../../../../../../src/chain/devnet/pallets/subtensor/coinbase';
import { Bench, addr } from '../weights/bench';

/**
 * `SubnetInfoRuntimeApi_get_metagraph` through the runtime-API table (SCALE in and out),
 * decoded with the metadata's `Option<Metagraph>` type as a client decodes it.
 */
const ALPHA = 1_000_000_000n;
const V1 = addr('V1');
const M1 = addr('M1');
const COLD = addr('Cold');

function query(b: Bench, netuid: number): unknown {
  const table = new RuntimeApiTable(b.md, [subnetInfoApi], { allowMissing: true });
  const ctx: RuntimeApiContext = { md: b.md, storage: b.storage, blockNumber: b.block, runtimeVersion: {} as never, metadataHex: '0x' };
  const arg = u8aToHex(b.md.registry.createType('u16', netuid).toU8a()) as Hex;
  const out = table.call(ctx, 'SubnetInfoRuntimeApi_get_metagraph', arg);
  const api = b.md.json.apis.find((a) => a.name === 'SubnetInfoRuntimeApi')!;
  return b.md.registry.createType(b.md.registry.createLookupType(api.methods[0]!.output), hexToU8a(out)).toJSON();
}

describe('SubnetInfoRuntimeApi.get_metagraph', () => {
  it('is None for a subnet that does not exist', async () => {
    const b = await Bench.create();
    expect(query(b, 5)).toBeNull();
  });

  it('reports the subnet and every uid from storage after an epoch', async () => {
    const b = await Bench.create();
    b.addSubnet(2, { tempo: 10, owner: addr('Alice'), ownerHotkey: addr('OwnerHot') });
    b.write('SubtokenEnabled', [2], true);
    b.write('FirstEmissionBlockNumber', [2], 1);
    b.write('NetworkRegisteredAt', [2], 1);
    b.write('Kappa', [2], 30_000);
    b.write('MinAllowedWeights', [2], 1);
    b.addNeuron(2, V1, { coldkey: COLD, permit: true, stake: 100n * ALPHA, registeredAt: 1 });
    b.addNeuron(2, M1, { coldkey: COLD, registeredAt: 2 });
    b.write('LastUpdate', [2], [4, 2]);
    b.write('Weights', [2, 0], [[1, 65_535]]);
    b.write('Axons', [2, M1], { block: 3, version: 7, ip: 2130706433, port: 8091, ipType: 4, protocol: 0, placeholder1: 0, placeholder2: 0 });
    // netuid 2, tempo 10: the epoch runs on block 7; read at block 9.
    for (let block = 1; block <= 9; block++) {
      b.block = block;
      runCoinbase(b.context());
    }
    const emission = b.read('Emission', [2]) as number[];
    const v1Alpha = b.read('TotalHotkeyAlpha', [V1, 2]) as number;
    const m1Alpha = b.read('TotalHotkeyAlpha', [M1, 2]) as number;
    expect(emission[0]! > 0 && emission[1]! > 0).toBe(true);
    const axonNone = { block: 0, version: 0, ip: 0, port: 0, ipType: 0, protocol: 0, placeholder1: 0, placeholder2: 0 };
    expect(query(b, 2)).toEqual({
      netuid: 2,
      name: [],
      symbol: [0xce, 0xb2],
      identity: null,
      networkRegisteredAt: 1,
      ownerHotkey: addr('OwnerHot'),
      ownerColdkey: addr('Alice'),
      block: 9,
      tempo: 10,
      lastStep: 7,
      blocksSinceLastStep: 2,
      subnetEmission: 0,
      alphaIn: 0,
      alphaOut: 9 * 1_000_000_000,
      taoIn: 0,
      alphaOutEmission: 0,
      alphaInEmission: 0,
      taoInEmission: 0,
      pendingAlphaEmission: 2 * 2 * 410_002_288,
      pendingRootEmission: 0,
      subnetVolume: 0,
      movingPrice: { bits: 0 },
      rho: 10,
      kappa: 30_000,
      minAllowedWeights: 1,
      maxWeightsLimit: 65_535,
      weightsVersion: 0,
      weightsRateLimit: 100,
      activityCutoff: 5_000,
      maxValidators: 128,
      numUids: 2,
      maxUids: 256,
      burn: 100_000_000,
      difficulty: 0,
      registrationAllowed: true,
      powRegistrationAllowed: false,
      immunityPeriod: 4_096,
      minDifficulty: 0,
      maxDifficulty: 0,
      minBurn: 500_000,
      maxBurn: 100_000_000_000,
      adjustmentAlpha: 0,
      adjustmentInterval: 0,
      targetRegsPerInterval: 0,
      maxRegsPerBlock: 0,
      servingRateLimit: 50,
      commitRevealWeightsEnabled: false,
      commitRevealPeriod: 1,
      liquidAlphaEnabled: false,
      alphaHigh: 0,
      alphaLow: 0,
      bondsMovingAvg: 900_000,
      hotkeys: [V1, M1],
      coldkeys: [COLD, COLD],
      identities: [null, null],
      axons: [axonNone, { block: 3, version: 7, ip: 2130706433, port: 8091, ipType: 4, protocol: 0, placeholder1: 0, placeholder2: 0 }],
      active: b.read('Active', [2]),
      validatorPermit: b.read('ValidatorPermit', [2]),
      pruningScore: [],
      lastUpdate: [4, 2],
      emission,
      dividends: b.read('Dividends', [2]),
      incentives: b.read('Incentive', [2]),
      consensus: b.read('Consensus', [2]),
      trust: [],
      rank: [],
      blockAtRegistration: [1, 2],
      alphaStake: [v1Alpha, m1Alpha],
      taoStake: [0, 0],
      totalStake: [v1Alpha, m1Alpha],
      taoDividendsPerHotkey: [[V1, 0], [M1, 0]],
      alphaDividendsPerHotkey: [[V1, 0], [M1, 0]],
    });
    expect([b.read('Active', [2]), b.read('ValidatorPermit', [2]), b.read('Incentive', [2])]).toEqual([[true, true], [true, false], [0, 65_535]]);
  });
});
