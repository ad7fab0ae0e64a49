import { getCommitment, loadMetagraph, type ChainClient, type Metagraph } from '../chain';
import { decodeEvidenceCommitment, type ChainEvidence } from '../records';
import { fetchEvidence, type EvidenceLookup } from './read-evidence';

/** One validator's published evidence, as found on chain. */
export interface ScoresValidator {
  readonly uid: number;
  readonly hotkey: string;
  readonly stakeRao: string;
  readonly validatorPermit: boolean;
  /** Block of its last `set_weights` (0: never). */
  readonly lastUpdate: number;
  /** Its commitment, when it is an evidence commitment. */
  readonly commitment: { readonly digest: string; readonly remarkBlock: number | null; readonly block: number } | null;
  /** `ok` with the round and block, or why there is none. */
  readonly evidence: { readonly status: 'ok'; readonly round: number; readonly block: number; readonly miners: number } | { readonly status: 'none' | 'missing' | 'invalid'; readonly reason: string };
}

/** What one validator measured for one miner in its latest published round. */
export interface ScoresMeasurement {
  readonly validatorUid: number;
  readonly validatorHotkey: string;
  readonly round: number;
  readonly tflops: number;
  readonly class: string | null;
  readonly outcome: 'passed' | 'failed' | 'unavailable';
  readonly passed: boolean;
  readonly code: string;
}

/** One validator's weight on one miner: `value` is the row normalised to sum 1, `raw` the stored u16. */
export interface ScoresWeight {
  readonly validatorUid: number;
  readonly validatorHotkey: string;
  readonly value: number;
  readonly raw: number;
}

export interface ScoresRow {
  readonly uid: number;
  readonly hotkey: string;
  readonly coldkey: string;
  /** `ip:port`, null when never served. */
  readonly axon: string | null;
  readonly stakeRao: string;
  readonly validatorPermit: boolean;
  /** 0..1 */
  readonly incentive: number;
  readonly dividends: number;
  /** Last epoch's emission, rao of alpha. */
  readonly emissionRao: string;
  /** From each validator with readable evidence that measured this uid, validators by stake. */
  readonly measurements: readonly ScoresMeasurement[];
  readonly weights: readonly ScoresWeight[];
}

/** Everything `pog scores` prints, read from the chain alone (JSON-safe: amounts in rao as decimal strings). */
export interface ScoresTable {
  readonly netuid: number;
  readonly block: number;
  readonly blockHash: string;
  readonly validators: readonly ScoresValidator[];
  readonly rows: readonly ScoresRow[];
}

export interface ReadScoresOptions {
  /** Parsed evidence by digest, reused across calls (a refreshing reader fetches each round once). */
  readonly cache?: Map<string, EvidenceLookup>;
  /** Metagraph already read (else read at the head). */
  readonly metagraph?: Metagraph;
}

const axonOf = (a: Metagraph['axons'][number] | undefined): string | null => (a && a.ipType !== 0 && a.port !== 0 ? (a.ipType === 6 ? `[${a.ip}]:${a.port}` : `${a.ip}:${a.port}`) : null);

/**
 * Reads a subnet's scores from the chain alone: the metagraph (hotkeys, axons, stake,
 * incentive, emission, weights), every neuron's commitment, and for each evidence commitment
 * (`[Raw32 digest, Raw4 remark block]`) the evidence JSON from that block's remark. Works
 * against any subtensor node that keeps the remark's block.
 */
export async function readScores(client: ChainClient, netuid: number, options: ReadScoresOptions = {}): Promise<ScoresTable> {
  const mg = options.metagraph ?? (await loadMetagraph(client, netuid));
  const commitments = await Promise.all(mg.hotkeys.map((hotkey) => getCommitment(client, { netuid, hotkey }).catch(() => null)));
  const validators: ScoresValidator[] = [];
  const documents = new Map<number, ChainEvidence>();
  for (const i of mg.uids.keys()) {
    const uid = mg.uids[i]!;
    const hotkey = mg.hotkeys[i]!;
    const raw = commitments[i];
    const decoded = raw ? decodeEvidenceCommitment(raw.fields) : null;
    const hasWeights = (mg.weights[i]?.length ?? 0) > 0;
    if (!decoded && !hasWeights) continue;
    let evidence: ScoresValidator['evidence'];
    if (!decoded) evidence = { status: 'none', reason: 'no evidence commitment' };
    else if (decoded.remarkBlock === null) evidence = { status: 'none', reason: 'the commitment holds only a digest (evidence kept off chain)' };
    else {
      let lookup = options.cache?.get(decoded.digest);
      if (!lookup) {
        lookup = await fetchEvidence(client, { remarkBlock: decoded.remarkBlock, digest: decoded.digest, hotkey, netuid });
        if (lookup.status !== 'missing') options.cache?.set(decoded.digest, lookup);
      }
      if (lookup.status === 'ok') {
        documents.set(uid, lookup.document);
        evidence = { status: 'ok', round: lookup.document.round, block: lookup.document.block, miners: lookup.document.results.length };
      } else evidence = lookup;
    }
    validators.push({
      uid,
      hotkey,
      stakeRao: (mg.stake[i] ?? 0n).toString(),
      validatorPermit: mg.validatorPermit[i] ?? false,
      lastUpdate: mg.lastUpdate[i] ?? 0,
      commitment: decoded && raw ? { digest: decoded.digest, remarkBlock: decoded.remarkBlock, block: raw.block } : null,
      evidence,
    });
  }
  validators.sort((a, b) => (BigInt(b.stakeRao) > BigInt(a.stakeRao) ? 1 : BigInt(b.stakeRao) < BigInt(a.stakeRao) ? -1 : a.uid - b.uid));

  const rows: ScoresRow[] = mg.uids.map((uid, i) => {
    const hotkey = mg.hotkeys[i]!;
    const measurements: ScoresMeasurement[] = [];
    const weights: ScoresWeight[] = [];
    for (const v of validators) {
      const doc = documents.get(v.uid);
      const entry = doc?.results.find((r) => r.uid === uid && r.hotkey === hotkey);
      if (doc && entry) measurements.push({ validatorUid: v.uid, validatorHotkey: v.hotkey, round: doc.round, tflops: entry.tflops, class: entry.class, outcome: entry.outcome, passed: entry.outcome === 'passed', code: entry.code });
      const vi = mg.uids.indexOf(v.uid);
      const row = mg.weights[vi] ?? [];
      const total = row.reduce((s, [, w]) => s + w, 0);
      const w = row.find(([u]) => u === uid);
      if (w && total > 0) weights.push({ validatorUid: v.uid, validatorHotkey: v.hotkey, value: w[1] / total, raw: w[1] });
    }
    return {
      uid,
      hotkey,
      coldkey: mg.coldkeys[i] ?? '',
      axon: axonOf(mg.axons[i]),
      stakeRao: (mg.stake[i] ?? 0n).toString(),
      validatorPermit: mg.validatorPermit[i] ?? false,
      incentive: mg.incentive[i] ?? 0,
      dividends: mg.dividends[i] ?? 0,
      emissionRao: (mg.emission[i] ?? 0n).toString(),
      measurements,
      weights,
    };
  });
  return { netuid, block: mg.block, blockHash: mg.blockHash, validators, rows };
}
