import type { ChainClient } from '../../src/chain';
import { WeightsTrace } from '../../src/demo/weights-trace';

const HOTKEY = '5HWUXi4MNmVt5fV3L2JZpfQaHUo6rbkzcuAZ4rTzrEuyNPyo';
const OTHER = '5GU9t3aQgKT7XWqRwWnyqhcS4VZisuoTnShJmQTtrzvPqhya';
type Ev = [method: string, data: unknown[]];

/** A client whose chain has the given subtensorModule events per block (netuid 1, tempo 8: epoch = ⌊(block + 2) / 9⌋). */
function clientWith(events: Record<number, Ev[]>): ChainClient {
  const api = {
    rpc: { chain: { getBlockHash: async (n: number) => `0x${n.toString(16)}` } },
    at: async (hash: string) => ({
      query: {
        system: {
          events: async () =>
            (events[Number.parseInt(hash.slice(2), 16)] ?? []).map(([method, data]) => ({
              event: { section: 'subtensorModule', method, data: data.map((d) => ({ toJSON: () => d })) },
            })),
        },
      },
    }),
  };
  return { api } as unknown as ChainClient;
}

describe('WeightsTrace', () => {
  it('pairs each reveal with the last commit of the epoch RevealPeriodEpochs before, and flags weights applied without a reveal', async () => {
    const trace = new WeightsTrace(
      clientWith({
        // epoch 5 (blocks 43..51): two commits; the second is the one whose weights stay
        44: [['TimelockedWeightsCommitted', [HOTKEY, 1, '0xaa', 4]]],
        47: [['TimelockedWeightsCommitted', [HOTKEY, 1, '0xbb', 5]], ['TimelockedWeightsCommitted', [OTHER, 1, '0xcc', 9]]],
        // epoch 6: the reveal of both, each with its WeightsSet
        53: [
          ['WeightsSet', [1, 0]],
          ['TimelockedWeightsRevealed', [1, HOTKEY]],
          ['WeightsSet', [1, 0]],
          ['TimelockedWeightsRevealed', [1, HOTKEY]],
        ],
        // another subnet's and another hotkey's reveals are not ours
        55: [['TimelockedWeightsRevealed', [2, HOTKEY]], ['TimelockedWeightsRevealed', [1, OTHER]]],
        // weights set directly
        58: [['WeightsSet', [1, 0]]],
        // a reveal of a commit made before the trace started
        64: [['TimelockedWeightsRevealed', [1, HOTKEY]]],
      }),
      1,
      HOTKEY,
      0,
      40,
    );
    await trace.catchUp(60, 8, 1);
    expect(trace.lastRead).toBe(60);
    expect(trace.revealAtOrBefore(52)).toBeNull();
    expect(trace.revealAtOrBefore(60)).toEqual({ revealBlock: 53, commit: { block: 47, revealRound: 5 } });
    expect(trace.directSets).toEqual([58]);
    // not read yet: nothing is claimed
    expect(trace.revealAtOrBefore(64)).toBeNull();
    await trace.catchUp(70, 8, 1);
    expect(trace.revealAtOrBefore(70)).toEqual({ revealBlock: 64, commit: null });
  });
});
