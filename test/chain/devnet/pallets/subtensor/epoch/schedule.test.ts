import { blocksUntilNextEpoch, epochIndex, shouldRunEpoch } from '../../../../../../src/chain/devnet/pallets/subtensor/epoch-schedule';
import { runCoinbase } from '../../../../../../src/chain/devnet/pallets/subtensor/coinbase';
import { Bench } from '../weights/bench';

/**
 * Subtensor's fixed-tempo schedule: blocks_until_next_epoch = tempo − (block + netuid + 1) mod
 * (tempo + 1); the epoch runs at 0, the last block of each epoch-index window.
 */
describe('epoch schedule', () => {
  it('runs netuid 1 with tempo 10 on blocks 8, 19, 30', () => {
    const due = Array.from({ length: 32 }, (_, b) => b).filter((b) => shouldRunEpoch(1, 10, b));
    expect(due).toEqual([8, 19, 30]);
    expect([0, 8, 9, 19, 20].map((b) => blocksUntilNextEpoch(1, 10, b))).toEqual([8, 0, 10, 0, 10]);
  });

  it('offsets subnets by netuid and never runs tempo 0', () => {
    expect(Array.from({ length: 210 }, (_, b) => b).filter((b) => shouldRunEpoch(0, 100, b))).toEqual([99, 200]);
    expect(Array.from({ length: 30 }, (_, b) => b).filter((b) => shouldRunEpoch(3, 10, b))).toEqual([6, 17, 28]);
    expect(Array.from({ length: 50 }, (_, b) => b).some((b) => shouldRunEpoch(1, 0, b))).toBe(false);
  });

  it('the block after an epoch opens the next epoch index', () => {
    expect([8, 9, 19, 20].map((b) => epochIndex(1, 10, b))).toEqual([0, 1, 1, 2]);
  });

  it('the coinbase resets BlocksSinceLastStep on the epoch block', async () => {
    const b = await Bench.create();
    b.addSubnet(1, { tempo: 10 });
    const seen: unknown[] = [];
    for (let block = 1; block <= 10; block++) {
      b.block = block;
      runCoinbase(b.context());
      seen.push(b.read('BlocksSinceLastStep', [1]));
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 0, 1, 2]);
  });
});
