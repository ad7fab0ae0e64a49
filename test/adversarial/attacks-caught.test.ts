import type { MinerResult, MinerTarget } from '../../src/validator';
import { ATTACKS, formatCaught, runAttack, type AttackOutcome } from './attacks';
import { Harness } from './support/harness';

/**
 * The adversarial suite, attacks that commit wrong rows or withhold an opening (see
 * attacks.ts), against the unmodified validator round: each must end failed, with the code
 * naming why, and a score of 0.
 */
describe('adversarial miners: committed means opened or failed', () => {
  let h: Harness;
  let honest: MinerTarget;
  let honestTflops = 0;
  let honestResult: MinerResult | undefined;
  const outcomes: AttackOutcome[] = [];

  beforeAll(async () => {
    h = await Harness.start({ windowChallenges: 5 });
    honest = await h.miner('honest');
    // Up to three rounds: a loaded machine can end one before the first commitment.
    for (let i = 0; i < 3 && honestTflops === 0; i++) {
      honestResult = (await h.round([honest]))[0]!;
      honestTflops = honestResult.tflops;
    }
  }, 60_000);

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(outcomes.map(formatCaught).join('\n'));
    await h.close();
  });

  it('the same honest miner passes and is credited', () => {
    expect(honestResult).toMatchObject({ outcome: 'passed' });
    expect(honestTflops).toBeGreaterThan(0);
  });

  for (const attack of ATTACKS) {
    if (attack.kind !== 'caught') continue;
    it(`${attack.name}: failed (${attack.codes.join(' or ')}), score 0`, async () => {
      const o = await runAttack(h, attack, honest, 1, honestTflops);
      outcomes.push(o);
      expect(o.outcome).toMatch(new RegExp(`^failed \\((${attack.codes.join('|')})\\)$`));
      expect(o.score).toBe(0);
      expect(o.ratio).toBe(0);
    }, 30_000);
  }
});
