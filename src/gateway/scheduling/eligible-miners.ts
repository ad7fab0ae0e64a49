import { rankSuppliers } from '../../economy';
import type { GpuClassId } from '../../pog';
import type { ValidatorState } from '../../records';
import { meetsClass } from '../jobs/gpu-class-order';

/** Default reputation window W (seed 004: validated / completed over the last W jobs). */
export const DEFAULT_REPUTATION_WINDOW = 50;

export interface MinerView {
  readonly uid: number;
  readonly hotkey: string;
  /** Whether the miner has an axon served on chain (from the metagraph). */
  readonly serving: boolean;
  /** Jobs it may still take now (its advertised capacity minus jobs in flight). */
  readonly freeSlots: number;
  /** Its paid-job outcomes, oldest first: true where the job was validated. */
  readonly jobOutcomes: readonly boolean[];
}

export interface RankedMiner {
  readonly uid: number;
  readonly hotkey: string;
  readonly class: GpuClassId;
  readonly reputation: number;
  readonly jobsCompleted: number;
}

export interface EligibilityOptions {
  readonly minClass: GpuClassId;
  /** Hotkeys already tried for this job (a retry goes to another miner). */
  readonly exclude?: ReadonlySet<string>;
  readonly window?: number;
  /**
   * Miners with at least `minHistory` checked jobs whose reputation is below this are left out
   * of routing altogether (a cheater caught often enough gets no more jobs). Default 0: none.
   */
  readonly minReputation?: number;
  readonly minHistory?: number;
}

/**
 * Seed 004's scheduler over the validator's own PoG record: a miner is eligible when it is
 * serving, its last PoG round (the validator's score state, read-only) passed under the same
 * hotkey, the class measured there is at least the job's, it has a free slot and it is not
 * excluded. Eligible miners are ordered by reputation = validated / completed over the last W
 * jobs, ties by jobs completed (more first), then hotkey; a proven cheater (below
 * `minReputation` over at least `minHistory` checked jobs) is left out.
 */
export function eligibleMiners(state: ValidatorState, miners: readonly MinerView[], options: EligibilityOptions): RankedMiner[] {
  const classes = new Map<string, GpuClassId>();
  const candidates = miners.filter((m) => {
    const record = state.miners[String(m.uid)];
    const last = record?.last;
    if (!m.serving || m.freeSlots <= 0 || options.exclude?.has(m.hotkey)) return false;
    if (!record || record.hotkey !== m.hotkey || !last || !last.passed || last.outcome !== 'passed') return false;
    if (!meetsClass(last.class, options.minClass)) return false;
    classes.set(m.hotkey, last.class as GpuClassId);
    return true;
  });
  const byId = new Map(candidates.map((m) => [m.hotkey, m]));
  return rankSuppliers(
    candidates.map((m) => ({ id: m.hotkey, outcomes: m.jobOutcomes })),
    options.window ?? DEFAULT_REPUTATION_WINDOW,
  )
    .filter((r) => r.totalCompleted < (options.minHistory ?? 1) || r.reputation >= (options.minReputation ?? 0))
    .map((r) => ({ uid: byId.get(r.id)!.uid, hotkey: r.id, class: classes.get(r.id)!, reputation: r.reputation, jobsCompleted: r.totalCompleted }));
}
