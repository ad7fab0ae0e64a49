import {
  blockEmissionForIssuance,
  splitAlphaOut,
} from '../../../../../../src/chain/devnet/pallets/subtensor/coinbase-emission';
import { runCoinbase } from '../../../../../../src/chain/devnet/pallets/subtensor/coinbase';
import { Bench } from '../weights/bench';

/**
 * Per-block alpha: 1 alpha a block per started subnet while its issuance is under 10.5M,
 * split 18% (SubnetOwnerCut 11796/65535) to the owner and the rest halved between miners
 * and validators, each part truncated to whole rao (U96F32 → u64).
 */
const ALPHA = 1_000_000_000n;
const OWNER = 179_995_422n;
const SERVER = 410_002_288n;
const VALIDATOR = 410_002_288n;

describe('block emission', () => {
  it('halves each time issuance covers another half of what is left of 21M', () => {
    expect(blockEmissionForIssuance(0n)).toBe(ALPHA);
    expect(blockEmissionForIssuance(10_500_000n * ALPHA - 1n)).toBe(ALPHA);
    expect(blockEmissionForIssuance(10_500_000n * ALPHA)).toBe(500_000_000n);
    expect(blockEmissionForIssuance(15_750_000n * ALPHA - 1n)).toBe(500_000_000n);
    expect(blockEmissionForIssuance(15_750_000n * ALPHA)).toBe(250_000_000n);
    expect(blockEmissionForIssuance(21_000_000n * ALPHA)).toBe(0n);
  });

  it('splits alpha_out into owner cut, server and validator parts, truncating each', () => {
    expect(splitAlphaOut(ALPHA, 11_796)).toEqual({ ownerCut: OWNER, server: SERVER, validator: VALIDATOR });
    expect(splitAlphaOut(ALPHA, 0)).toEqual({ ownerCut: 0n, server: 500_000_000n, validator: 500_000_000n });
    expect(splitAlphaOut(3n, 0)).toEqual({ ownerCut: 0n, server: 1n, validator: 1n });
    expect(splitAlphaOut(ALPHA, 65_535)).toEqual({ ownerCut: ALPHA, server: 0n, validator: 0n });
  });
});

describe('coinbase pending emission', () => {
  async function chain(): Promise<Bench> {
    const b = await Bench.create();
    b.write('NetworksAdded', [0], true);
    for (const netuid of [1, 2, 3, 4]) {
      b.addSubnet(netuid, { tempo: 1_000 });
      b.write('SubtokenEnabled', [netuid], true);
      b.write('FirstEmissionBlockNumber', [netuid], 3);
    }
    b.write('FirstEmissionBlockNumber', [2], 100); // not started yet
    b.write('SubtokenEnabled', [3], false);
    b.write('NetworkRegistrationAllowed', [4], false);
    for (let block = 1; block <= 7; block++) {
      b.block = block;
      runCoinbase(b.context());
    }
    return b;
  }

  it('accumulates each block from FirstEmissionBlockNumber on (blocks 3–7: 5 blocks)', async () => {
    const b = await chain();
    expect(b.read('PendingOwnerCut', [1])).toBe(Number(5n * OWNER));
    expect(b.read('PendingServerEmission', [1])).toBe(Number(5n * SERVER));
    expect(b.read('PendingValidatorEmission', [1])).toBe(Number(5n * VALIDATOR));
    expect(b.read('SubnetAlphaOut', [1])).toBe(Number(5n * ALPHA));
    expect(b.read('BlocksSinceLastStep', [1])).toBe(7);
  });

  it('mints nothing before the first emission block, without subtoken, with registration closed, or on root', async () => {
    const b = await chain();
    for (const netuid of [0, 2, 3, 4]) {
      expect([netuid, b.read('PendingServerEmission', [netuid]), b.read('PendingOwnerCut', [netuid]), b.read('SubnetAlphaOut', [netuid])]).toEqual([
        netuid, 0, 0, 0,
      ]);
    }
    // Every subnet but root counts blocks towards its epoch.
    expect([0, 2, 3, 4].map((netuid) => b.read('BlocksSinceLastStep', [netuid]))).toEqual([0, 7, 7, 7]);
  });

  it('the emission of the next block follows the issuance (SubnetAlphaIn + SubnetAlphaOut)', async () => {
    const b = await chain();
    b.write('SubnetAlphaIn', [1], 10_500_000n * ALPHA - 5n * ALPHA);
    b.block = 8;
    runCoinbase(b.context());
    expect(b.read('SubnetAlphaOut', [1])).toBe(Number(5n * ALPHA + 500_000_000n));
    expect(b.read('PendingServerEmission', [1])).toBe(Number(5n * SERVER + 205_001_144n));
  });
});
