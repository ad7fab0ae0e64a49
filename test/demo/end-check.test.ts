import { blocksUntilNextEpoch } from '../../src/chain';
import { incentiveOrdered, lastEpochBlock, weightsLine } from '../../src/demo/end-check';
import type { ScoresTable } from '../../src/scores';

describe('demo end check', () => {
  it('lastEpochBlock is the newest block at or before the given one on which the epoch ran', () => {
    for (const [netuid, tempo] of [
      [1, 8],
      [1, 10],
      [3, 4],
      [0, 1],
    ] as const) {
      for (let block = 0; block < 60; block++) {
        const e = lastEpochBlock(netuid, tempo, block);
        const expected = [...Array(block + 1).keys()].filter((b) => blocksUntilNextEpoch(netuid, tempo, b) === 0).at(-1) ?? -1;
        expect([netuid, tempo, block, e]).toEqual([netuid, tempo, block, expected]);
      }
    }
    expect(lastEpochBlock(1, 0, 50)).toBe(-1);
  });

  const table = (incentive: Record<number, number>): ScoresTable =>
    ({ rows: Object.entries(incentive).map(([uid, v]) => ({ uid: Number(uid), incentive: v })) }) as unknown as ScoresTable;
  const uids = { honest: 1, throttled: 2, cheater: 3 };

  it('holds only for honest > throttled > 0 = cheater', () => {
    expect(incentiveOrdered(table({ 1: 0.7, 2: 0.3, 3: 0 }), uids)).toBe(true);
    expect(incentiveOrdered(table({ 1: 0.3, 2: 0.7, 3: 0 }), uids)).toBe(false);
    expect(incentiveOrdered(table({ 1: 1, 2: 0, 3: 0 }), uids)).toBe(false);
    expect(incentiveOrdered(table({ 1: 0.6, 2: 0.3, 3: 0.1 }), uids)).toBe(false);
    expect(incentiveOrdered(table({ 1: 0.7, 2: 0.3 }), uids)).toBe(false);
  });

  it('names the commit and the reveal behind the incentive', () => {
    expect(weightsLine('commit_timelocked', { revealBlock: 52, commit: { block: 45, revealRound: 4 } }, 60)).toBe(
      'incentive from the epoch at block #60: weights committed timelocked for round 4 (block #45), revealed at block #52',
    );
    expect(weightsLine('commit_timelocked', null, 60)).toMatch(/no timelocked commit of this validator revealed by then/);
  });
});
