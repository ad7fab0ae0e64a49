/**
 * The gateway's cost, each figure against a reference measured in the same run:
 *
 *   - overhead per job: a job's wall time through the gateway (HTTP submit, queue, dispatch,
 *     the miner call, answer checks, settlement in one transaction, status polling) minus the
 *     miner's own compute (session.run, timed inside the executor), over that compute, median
 *     over sequential jobs;
 *   - jobs/s routed with 100 concurrent buyers, against the same executor called directly at
 *     the same concurrency the dispatcher allows (the miners' own ceiling).
 *
 * Miners are in process (onnxruntime-node on the CPU, receipts signed by their hotkeys), so the
 * figures are the gateway's own work, not the network's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import * as ort from 'onnxruntime-node';
import { canonicalJson } from '../../src/base';
import { keypairFromUri, signSr25519 } from '../../src/chain/keys';
import { sha256Hex, startGateway, tensorsHash, type ExecuteJob, type MinerDirectory, type Tensor } from '../../src/gateway';
import { silentLogger } from '../../src/logging';
import { DataType, encodeModel } from '../../src/pog/onnx/onnx-proto';
import { tensorSpec } from '../../src/pog/onnx/graph-builder';
import { medianMs } from '../../src/pog';
import { protocolCryptoReady } from '../../src/protocol';
import { emptyState, type ValidatorState } from '../../src/validator';

export interface GatewayBenchOptions {
  readonly sequentialJobs: number;
  readonly buyers: number;
  readonly jobsPerBuyer: number;
  /** Width of the dense layer: the job's compute is 2 × batch × width² FLOPs. */
  readonly width: number;
  readonly batch: number;
}

export interface GatewayBenchReport {
  readonly width: number;
  readonly batch: number;
  readonly jobs: number;
  /** Medians, ms. */
  readonly wallMs: number;
  readonly computeMs: number;
  /** (wall − compute) / compute, median over sequential jobs. */
  readonly overheadRatio: number;
  readonly overheadMs: number;
  readonly buyers: number;
  readonly routedJobsPerSecond: number;
  readonly directJobsPerSecond: number;
  /** routed / direct. */
  readonly routedVsDirect: number;
}

function denseModel(width: number): Uint8Array {
  const w = new Float32Array(width * width).map((_, i) => ((i * 7919) % 13) / 13 - 0.5);
  return encodeModel({
    graph: {
      name: 'bench-dense',
      nodes: [{ opType: 'MatMul', name: 'mm', inputs: ['X', 'W'], outputs: ['Y'], attributes: {} }],
      initializers: [tensorSpec(DataType.FLOAT, [width, width], w, 'W')],
      inputs: [{ name: 'X', elemType: DataType.FLOAT, dims: ['batch', width] }],
      outputs: [{ name: 'Y', elemType: DataType.FLOAT, dims: ['batch', width] }],
    },
  });
}

/** In-process miners: run the model, time session.run, sign the receipt. */
function executor(pairs: readonly KeyringPair[], computeMs: number[]): ExecuteJob {
  const sessions = new Map<string, Promise<ort.InferenceSession>>();
  const byHotkey = new Map(pairs.map((p) => [p.address, p]));
  return async (miner, job) => {
    const pair = byHotkey.get(miner.hotkey)!;
    let s = sessions.get(job.modelHash);
    if (!s) {
      s = job.modelBytes().then((b) => ort.InferenceSession.create(b, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 }));
      sessions.set(job.modelHash, s);
    }
    const session = await s;
    const feeds: Record<string, ort.Tensor> = {};
    for (const t of job.inputs) feeds[t.name] = new ort.Tensor('float32', new Float32Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength)), [...t.dims]);
    const started = performance.now();
    const results = await session.run(feeds);
    const ms = performance.now() - started;
    computeMs.push(ms);
    const outputs: Tensor[] = Object.entries(results).map(([name, v]) => {
      const d = v.data as Float32Array;
      return { name, type: 'float32', dims: [...v.dims], data: Buffer.from(d.buffer, d.byteOffset, d.byteLength) };
    });
    const unsigned = { jobId: job.jobId, miner: pair.address, modelHash: job.modelHash, inputHash: tensorsHash(job.inputs), outputHash: tensorsHash(outputs), deviceMs: Math.round(ms), finishedAtMs: Date.now() };
    return { outputs, receipt: { ...unsigned, signature: u8aToHex(signSr25519(pair, new TextEncoder().encode(canonicalJson(unsigned)))) } };
  };
}

function directory(pairs: readonly KeyringPair[]): MinerDirectory {
  const last = (uid: number, hotkey: string) => ({ uid, hotkey, outcome: 'passed' as const, passed: true, code: 'ok', reason: '', tflops: 900, class: 'H100-SXM', root: null, challengeId: 'c', rttMs: 1, elapsedMs: 1, attempts: 1, verifyMs: 1 });
  const state: ValidatorState = {
    ...emptyState(1, '5Bench'),
    miners: Object.fromEntries(pairs.map((p, i) => [String(i + 1), { hotkey: p.address, score: 1, reliability: 1, rounds: 1, passes: 1, lastFailureRound: null, last: last(i + 1, p.address), lastFailure: null }])),
  };
  const miners = pairs.map((p, i) => ({ uid: i + 1, hotkey: p.address, url: 'http://127.0.0.1:1', serving: true }));
  return { snapshot: async () => ({ state, miners }) };
}

export async function runGatewayBench(options: GatewayBenchOptions, progress: (line: string) => void = () => undefined): Promise<GatewayBenchReport> {
  await protocolCryptoReady();
  const dir = mkdtempSync(join(tmpdir(), 'pog-gw-bench-'));
  const pairs = [keypairFromUri('//BenchMinerA'), keypairFromUri('//BenchMinerB'), keypairFromUri('//BenchMinerC')];
  const computeMs: number[] = [];
  const execute = executor(pairs, computeMs);
  const perMiner = 2;
  const gw = await startGateway({
    dataDir: dir,
    depositSeed: '//GatewayBench',
    logger: silentLogger,
    dispatch: { execute, directory: directory(pairs), signer: keypairFromUri('//BenchGateway'), options: { pollMs: 2, maxPerMiner: perMiner, maxConcurrentJobs: 64 } },
  });
  try {
    const model = denseModel(options.width);
    const hash = sha256Hex(model);
    const inputData = Buffer.from(new Float32Array(options.batch * options.width).map((_, i) => (i % 17) / 17).buffer).toString('base64');
    const keys: string[] = [];
    for (let b = 0; b < options.buyers; b++) {
      const { account, token } = await gw.accounts.create(`bench buyer ${b}`);
      await gw.db.transaction((tx) => gw.book.credit(tx, account.id, 'deposit_tao', 10n ** 15n, `tao:${account.id}`));
      keys.push(token);
    }
    const post = (path: string, key: string, body: string | Uint8Array) =>
      fetch(`${gw.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream' }, body: typeof body === 'string' ? body : Buffer.from(body) });
    await post('/v1/models', keys[0]!, model);
    const submitBody = JSON.stringify({ model: hash, inputs: [{ name: 'X', type: 'float32', dims: [options.batch, options.width], data: inputData }], minClass: 'A100-80GB', deadlineMs: 600_000, maxPrice: '1000000000000', verification: 'none' });
    const runJob = async (key: string) => {
      const res = await post('/v1/jobs', key, submitBody);
      const { job } = (await res.json()) as { job: { id: string } };
      for (;;) {
        const s = (await (await fetch(`${gw.url}/v1/jobs/${job.id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { job: { state: string } };
        if (s.job.state === 'done') return;
        if (s.job.state === 'failed') throw new Error(`bench job ${job.id} failed`);
        await new Promise((r) => setTimeout(r, 2));
      }
    };

    progress(`sequential: ${options.sequentialJobs} jobs of a ${options.batch}×${options.width} · ${options.width}×${options.width} MatMul`);
    await runJob(keys[0]!); // warm: session creation, first statements
    const walls: number[] = [];
    const computes: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < options.sequentialJobs; i++) {
      const before = computeMs.length;
      const started = performance.now();
      await runJob(keys[0]!);
      const wall = performance.now() - started;
      const compute = computeMs.slice(before).reduce((a, b) => a + b, 0);
      walls.push(wall);
      computes.push(compute);
      ratios.push((wall - compute) / compute);
    }

    const total = options.buyers * options.jobsPerBuyer;
    progress(`${options.buyers} concurrent buyers, ${total} jobs through the gateway, then the same executor directly`);
    let started = performance.now();
    await Promise.all(keys.map(async (k) => {
      for (let j = 0; j < options.jobsPerBuyer; j++) await runJob(k);
    }));
    const routedJobsPerSecond = total / ((performance.now() - started) / 1000);

    const inputs: Tensor[] = [{ name: 'X', type: 'float32', dims: [options.batch, options.width], data: Buffer.from(inputData, 'base64') }];
    const slots = pairs.flatMap((p) => Array.from({ length: perMiner }, () => p));
    let next = 0;
    started = performance.now();
    await Promise.all(slots.map(async (p) => {
      while (next < total) {
        next++;
        await execute({ hotkey: p.address, url: '' }, { jobId: `direct-${next}`, modelHash: hash, modelBytes: async () => Buffer.from(model), inputs, timeoutMs: 60_000 });
      }
    }));
    const directJobsPerSecond = total / ((performance.now() - started) / 1000);
    const wallMs = medianMs(walls);
    const compute = medianMs(computes);
    return {
      width: options.width,
      batch: options.batch,
      jobs: options.sequentialJobs,
      wallMs,
      computeMs: compute,
      overheadRatio: medianMs(ratios),
      overheadMs: wallMs - compute,
      buyers: options.buyers,
      routedJobsPerSecond,
      directJobsPerSecond,
      routedVsDirect: routedJobsPerSecond / directJobsPerSecond,
    };
  } finally {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatGatewayBench(r: GatewayBenchReport): string {
  return (
    `gateway: overhead per job (${r.batch}×${r.width} MatMul, ${r.jobs} sequential jobs, medians): wall ${r.wallMs.toFixed(1)} ms, compute ${r.computeMs.toFixed(1)} ms, ` +
    `overhead ${r.overheadMs.toFixed(1)} ms = ${r.overheadRatio.toFixed(2)}× the compute\n` +
    `gateway: ${r.buyers} concurrent buyers: ${r.routedJobsPerSecond.toFixed(1)} jobs/s routed vs ${r.directJobsPerSecond.toFixed(1)} jobs/s calling the miners directly = ${r.routedVsDirect.toFixed(2)}\n`
  );
}
