import type { MinerTarget } from '../../src/validator';
import { ATTACKS, formatGain, runAttack, type AttackOutcome } from './attacks';
import { Harness } from './support/harness';

/**
 * The adversarial suite, attacks on the figure (see attacks.ts): each a cheating miner built
 * from the project's own pieces (real runner, real miner node, signed HTTP, real commitments)
 * against the unmodified validator round. Bar: none credited more than 1.10× the same honest
 * miner, the median over alternating rounds (H A H A … H, five A); several hotkeys on one runner:
 * their sum against the runner alone. Each round's credit is taken per challenge the device could
 * have done in its window at the speed it ran then (the runner's speed on a loaded machine changes several-fold between
 * rounds); the raw ratio is printed beside it.
 */
// Five attack rounds: on a loaded 2-core machine one round's figure moves by ±10–20%, and the
// median of three still crossed the bar about once a run for an attack at 1.0×.
const GAIN_REPS = 5;

// On demand (`npm run test:adversarial-gain`), not in `npm test`: on a 2-core machine at a load
// average of 7–16 it passed five runs out of five with five rounds (worst medians 1.066–1.098×;
// with three rounds one run of two failed at 1.109×): the round-to-round spread is ±20% even per
// device capacity, and a run takes four to eight minutes, so it is neither short nor steady
// enough for every CI run. See docs/pog.md, "The adversarial suite".
const describeGain = process.env.POG_ADVERSARIAL_GAIN === '1' ? describe : describe.skip;

describeGain('adversarial miners: nothing a miner controls raises its figure', () => {
  let h: Harness;
  let honest: MinerTarget;
  const outcomes: AttackOutcome[] = [];

  beforeAll(async () => {
    h = await Harness.start();
    honest = await h.miner('honest');
    // A fresh node's first round runs cold (connections, JIT): not one to compare against.
    await h.round([honest]);
  }, 60_000);

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(outcomes.map(formatGain).join('\n'));
    await h.close();
  });

  for (const attack of ATTACKS) {
    if (attack.kind !== 'gain') continue;
    it(`${attack.name}: credited at most 1.10× the same honest miner`, async () => {
      const o = await runAttack(h, attack, honest, GAIN_REPS);
      outcomes.push(o);
      expect(o.ratio).toBeLessThanOrEqual(1.1);
    }, 150_000);
  }
});
