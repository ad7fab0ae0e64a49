// @ts-check
'use strict';
/**
 * The onnxruntime executor. It runs in a worker thread because InferenceSession.run is a
 * synchronous native call that would otherwise stall the caller's event loop for the whole
 * workload. Plain CommonJS so that Node loads it as is, from src (under jest) and from dist.
 */
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const ort = require('onnxruntime-node');

// The environment's logger prints provider load failures (a missing CUDA EP) before the
// session reports them; the runner turns those into one clear error of its own.
ort.env.logLevel = 'fatal';

/** @typedef {import('./worker-protocol').WorkerRequest} WorkerRequest */
/** @typedef {import('./worker-protocol').InitRequest} InitRequest */
/** @typedef {import('./worker-protocol').RunRequest} RunRequest */
/** @typedef {import('./worker-protocol').CloseRequest} CloseRequest */
/** @typedef {import('./worker-protocol').WorkerReply} WorkerReply */
/** @typedef {import('./worker-protocol').WorkerOptions} WorkerOptions */
/** @typedef {import('../onnx/host-tensor').HostTensor} HostTensor */

/**
 * Sessions kept warm, per pool; each holds its optimised graph and arena, so keep few. Jobs'
 * models (any buyer's) have a pool of their own so that they never evict the PoG sessions a
 * validator's next challenge expects warm.
 * @type {Record<import('./worker-protocol').SessionPool, number>}
 */
const SESSION_CACHE_LIMITS = { pog: 4, job: 2 };
/** Library-load failures: the provider's shared objects (or their CUDA/cuDNN deps) are missing. */
const LIBRARY_LOAD_FAILURE = /failed to load shared library|cannot open shared object|error loading|dlopen/i;

/** @type {Record<import('./worker-protocol').SessionPool, Map<string, ort.InferenceSession>>} */
const pools = { pog: new Map(), job: new Map() };
/** @type {WorkerOptions | undefined} */
let workerOptions;

if (!parentPort) throw new Error('ort-worker.js must run in a worker thread');
const port = parentPort;

/**
 * @param {WorkerOptions} o
 * @returns {ort.InferenceSession.SessionOptions}
 */
function sessionOptions(o) {
  return {
    executionProviders: o.device === 'cuda' ? [{ name: 'cuda', deviceId: o.deviceId }] : ['cpu'],
    graphOptimizationLevel: 'all',
    // Failures reach the caller as errors with onnxruntime's message; its own stderr copy
    // (in red, mid-progress-output) only confuses the person reading the CLI.
    logSeverityLevel: 4,
    ...(o.threads === undefined ? {} : { intraOpNumThreads: o.threads }),
    // Each cached session owns a thread pool; spinning idle threads of one session steal the
    // cores from the next session run (measured: the reference GEMM 25% slower when it follows
    // the workload), while a single session runs no faster with spinning on.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * @param {WorkerReply} reply
 * @param {ArrayBuffer[]} [transfer]
 */
function send(reply, transfer = []) {
  port.postMessage(reply, transfer);
}

/** @param {Record<string, HostTensor>} feeds */
function toOrtFeeds(feeds) {
  /** @type {Record<string, ort.Tensor>} */
  const out = {};
  for (const [name, t] of Object.entries(feeds)) out[name] = new ort.Tensor(t.type, t.data, [...t.dims]);
  return out;
}

/**
 * Output tensors as HostTensors whose buffers can be transferred (copied when the typed array
 * is a view into a larger buffer).
 * @param {ort.InferenceSession.OnnxValueMapType} results
 * @param {readonly string[]} names
 */
function toHostOutputs(results, names) {
  /** @type {Record<string, HostTensor>} */
  const outputs = {};
  /** @type {ArrayBuffer[]} */
  const transfer = [];
  for (const name of names) {
    const tensor = /** @type {ort.Tensor} */ (results[name]);
    const view = /** @type {ArrayBufferView & { slice(): any; buffer: ArrayBuffer }} */ (tensor.data);
    const whole = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
    const data = whole ? view : view.slice();
    transfer.push(data.buffer);
    outputs[name] = /** @type {HostTensor} */ ({ type: tensor.type, data, dims: [...tensor.dims] });
  }
  return { outputs, transfer };
}

/** @param {InitRequest} request */
async function init(request) {
  workerOptions = request.options;
  try {
    const probe = await ort.InferenceSession.create(request.probeModel, sessionOptions(workerOptions));
    const result = await probe.run({ x: new ort.Tensor('float32', Float32Array.of(1.5), [1]) });
    const y = /** @type {ort.Tensor} */ (result.y).data;
    await probe.release();
    if (y[0] !== 3) throw new Error(`probe model returned ${String(y[0])} instead of 3`);
    send({ kind: 'ready' });
  } catch (error) {
    const message = messageOf(error);
    send({ kind: 'init-error', message, providerUnavailable: LIBRARY_LOAD_FAILURE.test(message) });
  }
}

/**
 * The session for `model`, from the cache or created (the cache evicting its least recently used).
 * @param {Uint8Array} model
 * @param {import('./worker-protocol').SessionPool} pool
 * @returns {Promise<{ session: ort.InferenceSession, sessionCached: boolean, sessionCreateMs: number } | { error: string }>}
 */
async function sessionFor(model, pool) {
  if (!workerOptions) throw new Error('run before init');
  const sessions = pools[pool];
  const options = sessionOptions(workerOptions);
  const key = `${createHash('sha256').update(model).digest('hex')}:${JSON.stringify(options)}`;
  let session = sessions.get(key);
  const sessionCached = session !== undefined;
  const createStart = performance.now();
  if (session) {
    sessions.delete(key); // re-insert: the Map's order is the LRU order
  } else {
    try {
      session = await ort.InferenceSession.create(model, options);
    } catch (error) {
      return { error: messageOf(error) };
    }
    while (sessions.size >= SESSION_CACHE_LIMITS[pool]) {
      const [oldestKey, oldest] = /** @type {[string, ort.InferenceSession]} */ (sessions.entries().next().value);
      sessions.delete(oldestKey);
      await oldest.release();
    }
  }
  sessions.set(key, session);
  return { session, sessionCached, sessionCreateMs: sessionCached ? 0 : performance.now() - createStart };
}

/** @param {import('./worker-protocol').DescribeRequest} request */
async function describe(request) {
  const found = await sessionFor(request.model, request.sessionPool ?? 'pog');
  if ('error' in found) {
    send({ kind: 'run-error', id: request.id, phase: 'session', message: found.error });
    return;
  }
  const { session, sessionCreateMs } = found;
  send({ kind: 'described', id: request.id, inputNames: [...session.inputNames], outputNames: [...session.outputNames], sessionCreateMs });
}

/** @param {RunRequest} request */
async function run(request) {
  const found = await sessionFor(request.model, request.sessionPool ?? 'pog');
  if ('error' in found) {
    send({ kind: 'run-error', id: request.id, phase: 'session', message: found.error });
    return;
  }
  const { session, sessionCached, sessionCreateMs } = found;
  try {
    const feeds = toOrtFeeds(request.feeds);
    const runStart = performance.now();
    const results = await session.run(feeds, [...request.outputNames]);
    const runMs = performance.now() - runStart;
    const { outputs, transfer } = toHostOutputs(results, request.outputNames);
    const timings = { sessionCreateMs, runMs, sessionCached };
    if (!request.returnFeeds) {
      send({ kind: 'result', id: request.id, outputs, timings }, transfer);
      return;
    }
    // Fresh memory costs a page fault per 4 KiB on first touch: half a gigabyte of reference
    // feeds cost the validator more CPU than the generation into them (bench section 7).
    const returned = new Set(transfer);
    for (const { data } of Object.values(request.feeds)) {
      if (data.buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) returned.add(data.buffer);
    }
    send({ kind: 'result', id: request.id, outputs, timings, feeds: request.feeds }, [...returned]);
  } catch (error) {
    send({ kind: 'run-error', id: request.id, phase: 'run', message: messageOf(error) });
  }
}

/**
 * Ends the worker at a safe point: sessions released, no native call in progress. (Worker
 * terminate() during InferenceSession.run aborts the whole process inside onnxruntime-node.)
 */
async function close() {
  for (const sessions of Object.values(pools)) {
    for (const session of sessions.values()) await session.release();
    sessions.clear();
  }
  port.close();
}

/** @param {WorkerRequest} request */
function handle(request) {
  switch (request.kind) {
    case 'init':
      return init(request);
    case 'run':
      return run(request);
    case 'describe':
      return describe(request);
    case 'close':
      return close();
    default:
      throw new Error(`unknown request ${JSON.stringify(/** @type {{ kind?: unknown }} */ (request).kind)}`);
  }
}

// One request at a time, in arrival order: a run never overlaps session creation or another run.
// An unexpected exception is a bug: rethrown outside the chain, it ends the worker, and the
// runner rejects whatever was pending.
let queue = Promise.resolve();
port.on('message', (/** @type {WorkerRequest} */ request) => {
  queue = queue
    .then(() => handle(request))
    .catch((error) => {
      setImmediate(() => {
        throw error;
      });
    });
});
