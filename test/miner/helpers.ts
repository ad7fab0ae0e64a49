import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import type { KeyringPair } from '@polkadot/keyring/types';
import pino from 'pino';
import { keypairFromUri } from '../../src/chain/keys';
import type { Logger } from '../../src/logging';
import { MinerNode, type CapacityReport, type MinerNodeOptions, type RunWorkload } from '../../src/miner';
import { bytesToHex, type Challenge, type WorkloadParams, type WorkloadResult } from '../../src/pog';
import { signedFetch } from '../../src/protocol';

export const minerHotkey = () => keypairFromUri('//PogMiner//hot');
export const validatorA = () => keypairFromUri('//ValidatorA//hot');
export const validatorB = () => keypairFromUri('//ValidatorB//hot');
export const stranger = () => keypairFromUri('//Stranger//hot');

/** A capacity report without probing anything (probing starts runners; tested on its own). */
export function fixtureCapacity(): CapacityReport {
  return {
    device: { kind: 'cpu', deviceId: 0 },
    gpus: { available: false, reason: 'nvidia-smi not found: no NVIDIA driver on this host', count: 0, gpus: [] },
    executionProviders: [{ name: 'cpu', bundled: true, available: true }],
    cpu: { model: 'Test CPU', cores: 2, memoryBytes: 8 * 2 ** 30, arch: 'x64', platform: 'linux', osRelease: 'test' },
    software: { miner: '0.1.0', node: process.version, onnxruntime: '1.30.0' },
    probedAtMs: 1_700_000_000_000,
    probeMs: 1,
  };
}

/** A pino logger whose JSON lines are kept in `lines`. */
export function memoryLogger(level: pino.LevelWithSilent = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

/**
 * A stand-in workload whose runs finish only when the test says so: `started` counts runs that
 * began, `seeds` lists their seeds (hex) in start order, `finish(i)` completes the i-th.
 * Output is filled with the run's index.
 */
export function gatedWorkload(): { run: RunWorkload; started: () => number; seeds: string[]; finish: (i: number) => void; waitStarted: (n: number) => Promise<void> } {
  const gates: (() => void)[] = [];
  const seeds: string[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const run: RunWorkload = (seed: Uint8Array, params: WorkloadParams): Promise<WorkloadResult> =>
    new Promise((resolve) => {
      const index = gates.length;
      seeds.push(bytesToHex(seed));
      gates.push(() =>
        resolve({
          output: new Float32Array(params.rows * params.headWidth).fill(index),
          timings: { generateAndComputeMs: 5, sessionCreateMs: 0, sessionCached: true, prepareMs: 0, totalMs: 5 },
        }),
      );
      for (const w of waiters.filter((x) => gates.length >= x.n)) w.resolve();
    });
  return {
    run,
    seeds,
    started: () => gates.length,
    finish: (i) => gates[i]!(),
    waitStarted: (n) => (gates.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}

/** A workload that answers at once with zeros. */
export const instantWorkload: RunWorkload = async (_seed, params) => ({
  output: new Float32Array(params.rows * params.headWidth),
  timings: { generateAndComputeMs: 1, sessionCreateMs: 0, sessionCached: true, prepareMs: 0, totalMs: 1 },
});

export interface TestNode {
  readonly node: MinerNode;
  readonly hotkey: KeyringPair;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startNode(options: Partial<MinerNodeOptions> = {}): Promise<TestNode> {
  const hotkey = options.hotkey ?? minerHotkey();
  const node = await MinerNode.start({
    hotkey,
    netuid: 1,
    device: 'cpu',
    runWorkload: instantWorkload,
    capacity: fixtureCapacity(),
    allow: [validatorA().address, validatorB().address],
    host: '127.0.0.1',
    port: 0,
    ...options,
  });
  return { node, hotkey, url: `http://127.0.0.1:${node.port}`, port: node.port, close: async () => void (await node.stop(1000)) };
}

export function newChallenge(params: WorkloadParams): Challenge {
  return { version: 1, challengeId: bytesToHex(randomBytes(32)), seed: bytesToHex(randomBytes(32)), params, device: 'cpu', issuedAtMs: Date.now() };
}

/** One signed request from `signer` to the test node. */
export function call(t: TestNode, signer: KeyringPair, path: string, json?: unknown, options: { signal?: AbortSignal; timeoutMs?: number } = {}) {
  return signedFetch({
    url: t.url,
    path,
    json,
    signer,
    receiver: t.hotkey.address,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxResponseBytes: 32 * 2 ** 20,
    signal: options.signal,
  });
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: Record<string, unknown> | null;
}

/** A request exactly as given (no signing, no checks), for crafting bad ones. */
export function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> | null = null;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
