import type { RunWorkload } from '../../src/miner';
import type { MinerResult, MinerTarget, RoundOptions } from '../../src/validator';
import { behaviourWorkload } from '../validator/support/miners';
import { delayAnswers, dropAudits, lateAudits, refuseAudits, refuseWhenFakedRowAsked } from './miners/answer-handlers';
import { earlyCommitment, replayedWork, skippedLayer, wrongPrecision } from './miners/cheating-workloads';
import { median, scoreAfter, sumTflops, type Harness } from './support/harness';

/** One attack's setup for one round: the hotkeys that attack (their credit is summed) and round options. */
export interface AttackRound {
  readonly targets: readonly MinerTarget[];
  /** The uids whose credit counts as the attack's (default: every target). */
  readonly counted?: readonly number[];
  readonly options?: Partial<RoundOptions>;
  /** Extra checks on the round's results (the test fails when one throws). */
  check?(results: readonly MinerResult[]): void;
}

/**
 * An attack by a miner on its own figure.
 * - `gain`: the attack must not be credited more than 1.10× the same honest miner (median over alternating rounds);
 * - `caught`: it commits wrong rows or withholds an opening, and must end `failed` with one of `codes` and score 0.
 */
export type Attack =
  | { readonly name: string; readonly kind: 'gain'; build(h: Harness, rep: number): Promise<AttackRound> }
  | { readonly name: string; readonly kind: 'caught'; readonly codes: readonly string[]; build(h: Harness): Promise<AttackRound> };

const FAKED_EVERY = 10; // 10% of the rows: rows 0, 10, 20, …
const isFaked = (row: number) => row % FAKED_EVERY === 0;
const PING_DELAYS_MS = [50, 150, 400];

export const ATTACKS: readonly Attack[] = [
  {
    name: `delayed ping (${PING_DELAYS_MS.join(', ')} ms)`,
    kind: 'gain',
    async build(h, rep) {
      const target = await h.intercepted(await h.miner(`ping-${rep}`), delayAnswers('/ping', PING_DELAYS_MS[rep % PING_DELAYS_MS.length]!));
      return { targets: [target], check: () => expectNever(target.calls.get('/ping') ?? 0, 'the validator pinged the miner') };
    },
  },
  {
    name: 'delayed commitments (30 ms each)',
    kind: 'gain',
    build: async (h, rep) => ({ targets: [await h.intercepted(await h.miner(`late-commit-${rep}`), delayAnswers('/challenge', 30))] }),
  },
  {
    name: 'delayed audit answers (300 ms, inside the timeout)',
    kind: 'gain',
    build: async (h, rep) => ({ targets: [await h.intercepted(await h.miner(`slow-audit-${rep}`), delayAnswers('/audit', 300))] }),
  },
  ...([2, 4] as const).flatMap((n) =>
    (['fifo', 'sticky'] as const).map(
      (kind): Attack => ({
        name: `${n} hotkeys on one runner, ${kind} (their sum)`,
        kind: 'gain',
        build: async (h, rep) => ({ targets: await h.sharedHotkeys(`${kind}${n}-${rep}`, n, kind === 'fifo' ? { kind } : { kind, sliceMs: Infinity }) }),
      }),
    ),
  ),
  {
    name: '2 hotkeys on one runner, time-sliced (half a window each)',
    kind: 'gain',
    build: async (h, rep) => ({ targets: await h.sharedHotkeys(`slice-${rep}`, 2, { kind: 'sticky', sliceMs: h.measureWindowMs / 2 }) }),
  },
  {
    name: '3 hotkeys on one runner, concurrency 2 (their sum)',
    kind: 'gain',
    async build(h, rep) {
      const targets = await h.sharedHotkeys(`over-${rep}`, 3, { kind: 'fifo' });
      return {
        targets,
        options: { concurrency: 2 },
        check(results) {
          const last = results.find((r) => r.uid === targets[2]!.uid)!;
          if (last.outcome !== 'unavailable' || last.code !== 'over_concurrency' || last.attempts !== 0) throw new Error(`the miner beyond the bound was measured: ${JSON.stringify(last)}`);
        },
      };
    },
  },
  {
    name: '10% faked rows',
    kind: 'caught',
    codes: ['row-mismatch'],
    build: async (h) => ({ targets: [await h.miner('fake10', behaviourWorkload({ runWorkload: h.device.workload('fake10') }, { kind: 'cheater', fakeFraction: 1 / FAKED_EVERY }))] }),
  },
  {
    name: 'wrong precision (fp16 computed for fp32)',
    kind: 'caught',
    codes: ['precision', 'row-mismatch'],
    build: async (h) => ({ targets: [await h.miner('precision', await warm(h, wrongPrecision({ runWorkload: h.device.workload('precision') })))] }),
  },
  {
    name: 'skipped layer',
    kind: 'caught',
    codes: ['row-mismatch'],
    build: async (h) => ({ targets: [await h.miner('skip', await warm(h, skippedLayer({ runWorkload: h.device.workload('skip') })))] }),
  },
  {
    name: 'replayed work (an earlier output for every challenge)',
    kind: 'caught',
    codes: ['row-mismatch'],
    build: async (h) => ({ targets: [await h.miner('replay', await replayedWork({ runWorkload: h.device.workload('replay') }, h.params))] }),
  },
  {
    name: 'early commitment (committed before any work)',
    kind: 'caught',
    codes: ['row-mismatch', 'non-finite', 'precision'],
    build: async (h) => ({ targets: [await h.miner('early', earlyCommitment())] }),
  },
  ...(
    [
      [401, 'stale'],
      [403, 'not_allowed'],
      [404, 'unknown_challenge'],
      [503, 'busy'],
    ] as const
  ).map(
    ([status, error]): Attack => ({
      name: `audit refused (unsigned ${status} ${error})`,
      kind: 'caught',
      codes: [`audit_${error}`],
      build: async (h) => ({ targets: [await h.intercepted(await h.miner(`refuse-${status}`), refuseAudits(status, error))] }),
    }),
  ),
  {
    name: 'audit dropped (connection reset)',
    kind: 'caught',
    codes: ['audit_transport'],
    build: async (h) => ({ targets: [await h.intercepted(await h.miner('drop'), dropAudits())] }),
  },
  {
    name: 'audit answered late (past the audit timeout)',
    kind: 'caught',
    codes: ['audit_timeout'],
    build: async (h) => ({ targets: [await h.intercepted(await h.miner('late-audit'), lateAudits(h.roundDefaults.auditTimeoutMs + 500))] }),
  },
  {
    name: '10% faked rows, audit refused only when a faked row is asked',
    kind: 'caught',
    codes: ['audit_not_allowed', 'row-mismatch'],
    async build(h) {
      const m = await h.miner('refuse-faked', behaviourWorkload({ runWorkload: h.device.workload('refuse-faked') }, { kind: 'cheater', fakeFraction: 1 / FAKED_EVERY }));
      return { targets: [await h.intercepted(m, refuseWhenFakedRowAsked(isFaked))] };
    },
  },
];

/** Runs `work` once so its own graph's session is warm (a cheaper graph is another session). */
async function warm(h: Harness, work: RunWorkload): Promise<RunWorkload> {
  await work(new Uint8Array(32), h.params);
  return work;
}

function expectNever(count: number, what: string): void {
  if (count !== 0) throw new Error(`${what} ${count} times`);
}

/** What one attack achieved: its credit relative to the same honest miner, and how it ended. */
export interface AttackOutcome {
  readonly name: string;
  readonly kind: Attack['kind'];
  /**
   * The bar's figure: median over alternating rounds of the attack's credit per challenge the
   * device could have done in the window at the speed it ran in that round, over the same for
   * the honest rounds either side (their mean): the raw ratio below with the device's speed in
   * each round divided out. Leaving the device idle still lowers it.
   */
  readonly ratio: number;
  readonly ratios: readonly number[];
  /** Median of (attack's credit) / (mean of the honest rounds' credit either side), unnormalised. */
  readonly rawRatio: number;
  readonly rawRatios: readonly number[];
  /** Median share of the window the device was busy: in the attack's rounds, and in the honest ones (gain attacks). */
  readonly busy: number | null;
  readonly honestBusy: number | null;
  /** Outcomes and codes of the attack's hotkeys, last round. */
  readonly outcome: string;
  /** Score after the round (for caught attacks; 0 is the bar). */
  readonly score: number | null;
}

/** Credit per challenge the device could have done in the window (credit without any device run: infinite). */
const perDeviceWork = (tflops: number, deviceWork: number) => (tflops === 0 ? 0 : deviceWork > 0 ? tflops / deviceWork : Infinity);

/**
 * Runs one attack against the unmodified validator: a `gain` attack alternates `reps` attack
 * rounds with honest rounds of the same runner (H A H A … H); a `caught` one runs once (its
 * ratio against `honestTflops`, an honest round's figure).
 */
export async function runAttack(h: Harness, attack: Attack, honest: MinerTarget, reps = 3, honestTflops = 0): Promise<AttackOutcome> {
  if (attack.kind === 'caught') {
    const setup = await attack.build(h);
    // A loaded machine can make a round end before the first commitment ('unavailable', also
    // score 0): up to three rounds, until the attack is measured.
    let r: MinerResult;
    for (let round = 0; ; round++) {
      const results = await h.round(setup.targets, setup.options);
      setup.check?.(results);
      r = results[0]!;
      if (r.outcome !== 'unavailable' || round === 2) break;
    }
    const ratio = honestTflops > 0 ? r.tflops / honestTflops : r.tflops > 0 ? Infinity : 0;
    return { name: attack.name, kind: attack.kind, ratio, ratios: [], rawRatio: ratio, rawRatios: [], busy: null, honestBusy: null, outcome: `${r.outcome} (${r.code})`, score: scoreAfter(r) };
  }
  const honestRound = async () => {
    const { results, deviceWork, deviceBusy } = await h.measuredRound([honest]);
    honestBusy.push(deviceBusy);
    return { tflops: results[0]!.tflops, perWork: perDeviceWork(results[0]!.tflops, deviceWork) };
  };
  const busy: number[] = [];
  const honestBusy: number[] = [];
  let before = await honestRound();
  const ratios: number[] = [];
  const rawRatios: number[] = [];
  let last: readonly MinerResult[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const setup = await attack.build(h, rep);
    const { results, deviceWork, deviceBusy } = await h.measuredRound(setup.targets, setup.options);
    busy.push(deviceBusy);
    last = results;
    setup.check?.(last);
    const credit = sumTflops(last, setup.counted ?? setup.targets.map((t) => t.uid));
    const after = await honestRound();
    ratios.push(perDeviceWork(credit, deviceWork) / ((before.perWork + after.perWork) / 2));
    rawRatios.push(credit / ((before.tflops + after.tflops) / 2));
    before = after;
  }
  const outcome = [...new Set(last.map((r) => `${r.outcome} (${r.code})`))].join(', ');
  return { name: attack.name, kind: attack.kind, ratio: median(ratios), ratios, rawRatio: median(rawRatios), rawRatios, busy: median(busy), honestBusy: median(honestBusy), outcome, score: null };
}

/** One summary line of a gain attack: the bar's figure, its rounds, and the raw ratio. */
export const formatGain = (o: AttackOutcome) =>
  `${o.name}: ${o.ratio.toFixed(3)}× honest per device work [${o.ratios.map((r) => r.toFixed(2)).join(', ')}], raw ${o.rawRatio.toFixed(3)}× [${o.rawRatios.map((r) => r.toFixed(2)).join(', ')}], device busy ${o.busy?.toFixed(3)} (honest ${o.honestBusy?.toFixed(3)}), ${o.outcome}`;

/** One summary line of a caught attack: how it ended, its credit against an honest round, the score left. */
export const formatCaught = (o: AttackOutcome) => `${o.name}: ${o.ratio.toFixed(3)}× honest, ${o.outcome}, score ${o.score}`;
