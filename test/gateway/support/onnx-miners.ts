import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import * as ort from 'onnxruntime-node';
import { canonicalJson } from '../../../src/base';
import { keypairFromUri, signSr25519 } from '../../../src/chain/keys';
import { MinerBusyError } from '../../../src/gateway';
import type { ExecuteJob, JobOutcome, MinerJobReceipt } from '../../../src/gateway/dispatch/execute-job';
import type { DirectoryMiner, MinerDirectory } from '../../../src/gateway/dispatch/miner-directory';
import { tensorsHash, type Tensor } from '../../../src/gateway/jobs/tensors';
import { emptyState, type MinerRecord, type ValidatorState } from '../../../src/validator';

/**
 * Miners for pipeline tests, in process: each runs the job's ONNX model for real with
 * onnxruntime-node (CPU) and signs its receipt with its own hotkey, as the miner job client's
 * contract says; some misbehave on purpose.
 */
export type Behaviour =
  | { kind: 'honest' }
  /** Returns outputs shifted by +1 on every `every`-th run (its 1st…: runs counted from 1). */
  | { kind: 'cheat'; every: number }
  /** Never answers (until aborted). */
  | { kind: 'hang' }
  /** Refuses: retryable (busy) or for good. */
  | { kind: 'refuse'; retryable: boolean }
  /** Answers its first `times` runs busy (did nothing), as a miner whose queue is full, then runs honestly. */
  | { kind: 'busyFirst'; times: number };

export interface TestMiner {
  readonly pair: KeyringPair;
  readonly behaviour: Behaviour;
  runs: number;
  cheats: number;
}

const sessions = new Map<string, Promise<ort.InferenceSession>>();

function session(hash: string, bytes: () => Promise<Buffer>): Promise<ort.InferenceSession> {
  let s = sessions.get(hash);
  if (!s) {
    s = bytes().then((b) => ort.InferenceSession.create(b, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 }));
    sessions.set(hash, s);
  }
  return s;
}

/** Runs a float32 model on float32 inputs for real: the reference the honest miners compute too. */
export async function runModel(hash: string, bytes: () => Promise<Buffer>, inputs: readonly Tensor[]): Promise<Tensor[]> {
  const s = await session(hash, bytes);
  const feeds: Record<string, ort.Tensor> = {};
  for (const t of inputs) feeds[t.name] = new ort.Tensor('float32', new Float32Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength)), [...t.dims]);
  const results = await s.run(feeds);
  return Object.entries(results).map(([name, v]) => {
    const data = v.data as Float32Array;
    return { name, type: 'float32' as const, dims: [...v.dims], data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
  });
}

function shifted(outputs: readonly Tensor[]): Tensor[] {
  return outputs.map((t) => {
    const f = new Float32Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength)).map((x) => x + 1);
    return { ...t, data: Buffer.from(f.buffer) };
  });
}

function receiptOf(pair: KeyringPair, body: Omit<MinerJobReceipt, 'signature' | 'miner'>): MinerJobReceipt {
  const unsigned = { ...body, miner: pair.address };
  return { ...unsigned, signature: u8aToHex(signSr25519(pair, new TextEncoder().encode(canonicalJson(unsigned)))) };
}

export function testMiner(uri: string, behaviour: Behaviour = { kind: 'honest' }): TestMiner {
  return { pair: keypairFromUri(uri), behaviour, runs: 0, cheats: 0 };
}

/** An ExecuteJob over `miners` (by hotkey), with optional per-run delay. */
export function onnxExecutor(miners: readonly TestMiner[], options: { delayMs?: number } = {}): ExecuteJob {
  const byHotkey = new Map(miners.map((m) => [m.pair.address, m]));
  return async (target, job, signal) => {
    const m = byHotkey.get(target.hotkey);
    if (!m) throw new Error(`no test miner ${target.hotkey}`);
    const n = ++m.runs; // counted at the call: runs overlap
    const aborted = () => new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    if (m.behaviour.kind === 'hang') return aborted();
    if (m.behaviour.kind === 'busyFirst' && n <= m.behaviour.times) throw new MinerBusyError(target.hotkey, 'busy');
    if (m.behaviour.kind === 'refuse') throw Object.assign(new Error(`miner ${target.hotkey} refuses the job`), { retryable: m.behaviour.retryable });
    if (options.delayMs) await Promise.race([new Promise((r) => setTimeout(r, options.delayMs)), aborted()]);
    const started = Date.now();
    let outputs = await runModel(job.modelHash, job.modelBytes, job.inputs);
    if (m.behaviour.kind === 'cheat' && n % m.behaviour.every === 0) {
      outputs = shifted(outputs);
      m.cheats++;
    }
    const receipt = receiptOf(m.pair, { jobId: job.jobId, modelHash: job.modelHash, inputHash: tensorsHash(job.inputs), outputHash: tensorsHash(outputs), deviceMs: Date.now() - started, finishedAtMs: Date.now() });
    return { outputs, receipt } satisfies JobOutcome;
  };
}

function record(uid: number, hotkey: string): MinerRecord {
  const last = { uid, hotkey, outcome: 'passed' as const, passed: true, code: 'ok', reason: '', tflops: 900, class: 'H100-SXM', root: null, challengeId: 'c', rttMs: 1, elapsedMs: 10, attempts: 1, verifyMs: 1 };
  return { hotkey, score: 1, reliability: 1, rounds: 3, passes: 3, lastFailureRound: null, last, lastFailure: null };
}

/** A directory where every miner passed its last PoG round as an H100. */
export function passedDirectory(miners: readonly TestMiner[], capacity?: number): MinerDirectory {
  const state: ValidatorState = { ...emptyState(1, '5Validator'), miners: Object.fromEntries(miners.map((m, i) => [String(i + 1), record(i + 1, m.pair.address)])) };
  const list: DirectoryMiner[] = miners.map((m, i) => ({ uid: i + 1, hotkey: m.pair.address, url: `http://127.0.0.1:1/${i}`, serving: true, ...(capacity ? { capacity } : {}) }));
  return { snapshot: async () => ({ state, miners: list }) };
}

/** A seeded PRNG (mulberry32): spot sampling the test can replay. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
