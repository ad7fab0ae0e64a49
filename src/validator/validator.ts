import type { KeyringPair } from '@polkadot/keyring/types';
import { epochIndex, loadMetagraph, readWeightsState, type ChainClient, type Metagraph } from '../chain';
import type { Logger } from '../logging';
import type { ReferencePairFn } from '../pog';
import { ValidatorNotRegisteredError } from './errors';
import { buildEvidence, chainEvidence, evidenceDigest, keepEvidence } from '../records';
import { publishEvidence } from './evidence-publish';
import type { ValidatorMetrics } from './metrics';
import type { MinerResult } from '../records';
import { runRound, type RoundLimits } from './run-round';
import { ScoreStore } from '../records';
import { applyResults, reconcileWithMetagraph, weightsFromState } from './scoring';
import { minerTargets, type AxonUrlResolver } from './targets';
import { submitWeights, type TimelockCheck, type WeightsAction } from './weights-submitter';

/** The round's limits (`RoundLimits`: workload, timeouts, sustained measurement, concurrency, window) plus the validator's own settings. */
export interface ValidatorOptions extends RoundLimits {
  readonly client: ChainClient;
  readonly netuid: number;
  readonly hotkey: KeyringPair;
  readonly stateDir: string;
  readonly scoreAlpha: number;
  readonly reliabilityAlpha: number;
  /** Put weights on chain after each round (default true). */
  readonly setWeights?: boolean;
  /** Publish each round's evidence on chain: the JSON as a remark, its digest and block as the commitment (default true). */
  readonly publishEvidence?: boolean;
  readonly evidenceKeep?: number;
  /** How often the chain head is polled while waiting for the next epoch. */
  readonly pollMs?: number;
  /** Delay after a failed epoch (chain down, …) before trying again. */
  readonly retryMs?: number;
  readonly reference?: ReferencePairFn;
  readonly resolveAxonUrl?: AxonUrlResolver;
  readonly metrics?: ValidatorMetrics;
  readonly logger: Logger;
}

export interface EpochReport {
  readonly round: number;
  readonly block: number;
  readonly results: readonly MinerResult[];
  readonly notServing: readonly number[];
  readonly reset: readonly number[];
  readonly weights: WeightsAction | { readonly mode: 'failed'; readonly reason: string };
  readonly evidence: { readonly digest: string; readonly file: string; readonly published: boolean; readonly reason?: string };
}

/**
 * The validator service: every epoch it reads the metagraph, challenges every serving miner in
 * one window, verifies, commits the scores durably, sets (or commits and reveals) weights and
 * publishes the round's evidence digest. Chain failures end the epoch's attempt, never the
 * service: the loop logs them and tries again.
 */
export class Validator {
  readonly store: ScoreStore;
  private readonly log: Logger;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private lastEpoch: number | null = null;

  constructor(private readonly options: ValidatorOptions) {
    this.log = options.logger.child({ module: 'validator' });
    this.store = ScoreStore.open(options.stateDir, options.netuid, options.hotkey.address);
    this.log.info({ stateDir: options.stateDir, round: this.store.state.round, miners: Object.keys(this.store.state.miners).length }, 'score store opened');
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /** One epoch's work; throws on a chain failure before the scores were committed. */
  async runEpoch(): Promise<EpochReport> {
    const o = this.options;
    const metagraph: Metagraph = await loadMetagraph(o.client, o.netuid).catch((error: unknown) => {
      o.metrics?.chainErrors.inc({ step: 'metagraph' });
      throw error;
    });
    const ownUid = metagraph.hotkeys.indexOf(o.hotkey.address);
    if (ownUid < 0) throw new ValidatorNotRegisteredError(`validator hotkey ${o.hotkey.address} is not registered on subnet ${o.netuid}`, { netuid: o.netuid });
    const startedAtMs = Date.now();
    const { state: reconciled, reset } = reconcileWithMetagraph(this.store.state, metagraph.hotkeys);
    if (reset.length) this.log.info({ uids: reset }, 'history dropped: uid left the subnet or its hotkey changed');
    const { targets, notServing } = minerTargets(metagraph, o.hotkey.address, o.resolveAxonUrl);
    this.log.info({ block: metagraph.block, miners: targets.length, notServing: notServing.length }, 'round starting');
    const round = await runRound(targets, {
      signer: o.hotkey,
      params: o.params,
      device: o.device,
      concurrency: o.concurrency,
      windowMs: o.windowMs,
      pipelineDepth: o.pipelineDepth,
      challengeTimeoutMs: o.challengeTimeoutMs,
      auditTimeoutMs: o.auditTimeoutMs,
      measureWindowMs: o.measureWindowMs,
      minChallenges: o.minChallenges,
      maxChallenges: o.maxChallenges,
      reference: o.reference,
      signal: this.abort.signal,
      logger: this.log,
    });
    let state = applyResults(reconciled, round.results, { scoreAlpha: o.scoreAlpha, reliabilityAlpha: o.reliabilityAlpha, nowMs: startedAtMs });
    const document = buildEvidence({ netuid: o.netuid, validator: o.hotkey.address, round: state.round, block: metagraph.block, startedAtMs, params: o.params, results: round.results });
    const published = chainEvidence(document);
    const { digest, hex, bytes } = evidenceDigest(published);
    const file = keepEvidence(o.stateDir, document, hex, o.evidenceKeep ?? 1000, published);
    state = { ...state, lastEvidence: { round: state.round, digest: hex, block: null, file } };
    this.store.commit(state);
    this.observe(round.results, round.exchangeMs, round.verifyMs, targets.length);

    // Weights and evidence go on chain after the scores are safe on disk.
    let weights: EpochReport['weights'];
    if (o.setWeights === false) weights = { mode: 'skipped', reason: 'weights disabled', pending: state.pendingReveal, timelock: state.timelockCommits, checks: [] };
    else {
      const { uids, weights: values } = weightsFromState(state, metagraph.hotkeys, ownUid);
      try {
        weights = await submitWeights(o.client, { signer: o.hotkey, netuid: o.netuid, uids, weights: values, state, logger: this.log });
        this.reportTimelockChecks(weights.checks);
        state = { ...state, timelockCommits: weights.timelock };
        if (weights.mode !== 'skipped') {
          state = { ...state, lastWeights: { round: state.round, block: weights.block, uids: weights.uids, values: weights.values, mode: weights.mode }, pendingReveal: weights.pending };
          o.metrics?.weightsSet.inc({ mode: weights.mode, outcome: 'ok' });
          this.log.info({ mode: weights.mode, block: weights.block, uids: weights.uids, values: weights.values }, 'weights on chain');
        } else {
          state = { ...state, pendingReveal: weights.pending };
          this.log.info({ reason: weights.reason }, 'weights not set this round');
        }
        this.store.commit(state);
      } catch (error) {
        o.metrics?.chainErrors.inc({ step: 'weights' });
        o.metrics?.weightsSet.inc({ mode: 'set', outcome: 'failed' });
        this.log.warn({ err: (error as Error).message }, 'setting weights failed; the scores are kept and the next round tries again');
        weights = { mode: 'failed', reason: (error as Error).message };
      }
    }
    let evidence: EpochReport['evidence'] = { digest: hex, file, published: false };
    if (o.publishEvidence !== false) {
      try {
        const r = await publishEvidence(o.client, { signer: o.hotkey, netuid: o.netuid, bytes, digest });
        state = { ...state, lastEvidence: { round: state.round, digest: hex, block: r.remarkBlock, file } };
        this.store.commit(state);
        evidence = { ...evidence, published: true };
        o.metrics?.evidence.inc({ outcome: 'published' });
      } catch (error) {
        o.metrics?.chainErrors.inc({ step: 'evidence' });
        o.metrics?.evidence.inc({ outcome: 'failed' });
        this.log.warn({ err: (error as Error).message }, 'publishing the evidence failed; it is kept locally');
        evidence = { ...evidence, reason: (error as Error).message };
      }
    }
    o.metrics?.rounds.inc({ outcome: 'ok' });
    this.log.info({ round: state.round, block: metagraph.block, digest: hex, weights: weights.mode }, 'round committed');
    return { round: state.round, block: metagraph.block, results: round.results, notServing, reset, weights, evidence };
  }

  /** Runs an epoch, waits for the next one, and so on until stop(). */
  start(): void {
    this.running ??= this.loop();
  }

  /** Stops the loop: in-flight requests are aborted, an epoch whose scores were not committed is dropped. Idempotent. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const o = this.options;
    while (!this.stopped) {
      try {
        await this.runEpoch();
      } catch (error) {
        if (this.stopped) break;
        o.metrics?.rounds.inc({ outcome: 'failed' });
        this.log.error({ err: (error as Error).message, name: (error as Error).name }, 'epoch failed; retrying');
        await this.sleep(o.retryMs ?? 5000);
        continue;
      }
      await this.waitForNextEpoch();
    }
  }

  private async waitForNextEpoch(): Promise<void> {
    const o = this.options;
    while (!this.stopped) {
      try {
        const state = await readWeightsState(o.client, o.netuid, o.hotkey.address);
        const epoch = epochIndex(o.netuid, state.tempo, state.block);
        if (this.lastEpoch === null) this.lastEpoch = epoch;
        else if (epoch > this.lastEpoch) {
          this.lastEpoch = epoch;
          return;
        }
      } catch (error) {
        o.metrics?.chainErrors.inc({ step: 'head' });
        this.log.warn({ err: (error as Error).message }, 'cannot read the chain head; waiting');
      }
      await this.sleep(o.pollMs ?? 2000);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.abort.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Logs and counts each timelocked commit whose reveal epoch ended: on chain, or dropped by the chain. */
  private reportTimelockChecks(checks: readonly TimelockCheck[]): void {
    for (const c of checks) {
      const outcome = c.supersededBy !== null ? 'superseded' : c.appeared === true ? 'revealed' : c.appeared === false ? 'missing' : 'unknown';
      this.options.metrics?.weightsSet.inc({ mode: 'timelocked', outcome });
      if (c.supersededBy !== null) this.log.info({ ...c }, 'timelocked weights superseded by a later commit of the same epoch, which the chain reveals after it');
      else if (c.appeared === true) this.log.info({ ...c }, 'timelocked weights revealed by the chain');
      else if (c.appeared === false) this.log.warn({ ...c }, 'timelocked weights did not appear on chain after their reveal epoch: the chain dropped the commit (its drand round was not on chain in time, or it did not decrypt or apply)');
      else this.log.warn({ ...c }, 'could not read the chain at the end of the reveal epoch to check the timelocked weights');
    }
  }

  private observe(results: readonly MinerResult[], exchangeMs: number, verifyMs: number, challenged: number): void {
    const m = this.options.metrics;
    if (!m) return;
    for (const r of results) m.results.inc({ outcome: r.outcome });
    m.roundSeconds.set({ phase: 'exchange' }, exchangeMs / 1000);
    m.roundSeconds.set({ phase: 'verify' }, verifyMs / 1000);
    m.minersChallenged.set({}, challenged);
    m.score.clear();
    m.tflops.clear();
    for (const [uid, record] of Object.entries(this.store.state.miners)) {
      m.score.set({ uid, hotkey: record.hotkey }, record.score);
      m.tflops.set({ uid, hotkey: record.hotkey }, record.last?.tflops ?? 0);
    }
    m.lastRound.set({}, this.store.state.round);
  }
}
