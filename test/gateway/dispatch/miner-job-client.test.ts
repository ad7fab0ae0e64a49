import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMinerJobClient,
  JobWithdrawnError,
  MinerBadAnswerError,
  MinerJobError,
  MinerRefusedError,
  MinerTimeoutError,
  MinerTransportError,
  type ExecuteJob,
  type JobExecution,
  type JobMiner,
} from '../../../src/gateway';
import { preset, WorkloadRunner } from '../../../src/pog';
import { PROTOCOL_HEADERS, signJobReceipt, signResponse, tensorsHash, type JobAnswer, type Tensor } from '../../../src/protocol';
import { call, gatedWorkload, newChallenge, stranger, validatorA, type TestNode } from '../../miner/helpers';
import { dense, denseDirect, denseInput, startJobNode } from '../../miner/jobs/helpers';

jest.setTimeout(60_000);

let runner: WorkloadRunner;
let t: TestNode;
let client: ExecuteJob;
let miner: JobMiner;

beforeAll(async () => {
  runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
  t = await startJobNode(runner, { maxInputBytes: 4096 });
  client = createMinerJobClient({ signer: validatorA() });
  miner = { hotkey: t.hotkey.address, url: t.url };
});

afterAll(async () => {
  await t?.close();
  await runner?.close();
});

let jobSeq = 0;
/** A job on the dense model, counting how often its bytes were asked for. */
function job(inputs: readonly Tensor[], extra: Partial<JobExecution> = {}): JobExecution & { reads: () => number } {
  const model = dense();
  let reads = 0;
  return {
    jobId: `job_client_${++jobSeq}`,
    modelHash: model.hash,
    modelBytes: async () => {
      reads++;
      return model.bytes;
    },
    inputs,
    timeoutMs: 20_000,
    reads: () => reads,
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<MinerJobError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MinerJobError);
  return error as MinerJobError;
}

describe('the miner job client against a real miner', () => {
  it('uploads the model on model_missing, then runs from the cache: the second job sends no model; outputs equal a direct run', async () => {
    const x = denseInput(4, 2);
    const first = job([x]);
    const outcome = await client(miner, first);
    expect(first.reads()).toBe(1);
    expect(outcome.outputs).toHaveLength(1);
    expect(outcome.outputs[0]!.data.equals(await denseDirect(runner, x))).toBe(true);
    expect(outcome.receipt).toMatchObject({ jobId: first.jobId, miner: miner.hotkey, modelHash: first.modelHash, inputHash: tensorsHash([x]), outputHash: tensorsHash(outcome.outputs) });

    const second = job([denseInput(1, 5)]);
    await client(miner, second);
    expect(second.reads()).toBe(0);
    expect(t.node.jobs!.cache.size).toBe(1);
  });

  it('maps refusals to typed errors: the job’s own fault is not retryable, a miner that does not serve us is', async () => {
    const tooBig = await failure(client(miner, job([denseInput(300)])));
    expect(tooBig).toBeInstanceOf(MinerRefusedError);
    expect(tooBig.details.reason).toBe('input_too_large');
    expect(tooBig.retryable).toBe(false);

    const wrongBytes = await failure(client(miner, job([denseInput(1)], { modelHash: dense('Gemm').hash })));
    expect(wrongBytes).toBeInstanceOf(MinerRefusedError);
    expect(wrongBytes.details.reason).toBe('hash_mismatch');
    expect(wrongBytes.retryable).toBe(false);

    const strangerClient = createMinerJobClient({ signer: stranger() });
    const notServed = await failure(strangerClient(miner, job([denseInput(1)])));
    expect(notServed).toBeInstanceOf(MinerRefusedError);
    expect(notServed.details.reason).toBe('not_allowed');
    expect(notServed.retryable).toBe(true);
  });

  it('a miner that cannot be reached is a retryable transport error; a withdrawn job is not retryable', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const unreachable = await failure(client({ hotkey: miner.hotkey, url: `http://127.0.0.1:${port}` }, job([denseInput(1)])));
    expect(unreachable).toBeInstanceOf(MinerTransportError);
    expect(unreachable.retryable).toBe(true);

    const controller = new AbortController();
    controller.abort();
    const withdrawn = await failure(client(miner, job([denseInput(1)]), controller.signal));
    expect(withdrawn).toBeInstanceOf(JobWithdrawnError);
    expect(withdrawn.retryable).toBe(false);
  });
});

it('a job that cannot get the device within its timeout is a retryable MinerTimeoutError', async () => {
  const gated = gatedWorkload();
  const busy = await startJobNode(runner, {}, { runWorkload: gated.run });
  try {
    const target = { hotkey: busy.hotkey.address, url: busy.url };
    await client(target, job([denseInput(1)])); // model uploaded, device free again
    const challenge = call(busy, validatorA(), '/challenge', newChallenge(preset('ci')));
    await gated.waitStarted(1);
    const timedOut = await failure(client(target, job([denseInput(1)], { timeoutMs: 300 })));
    expect(timedOut).toBeInstanceOf(MinerTimeoutError);
    expect(timedOut.retryable).toBe(true);
    gated.finish(0);
    await challenge;
  } finally {
    await busy.close();
  }
});

/**
 * A stand-in in front of the real miner, forwarding every request as is. `rewrite` may change
 * the answer of POST /job: `resign` then signs the changed body with the miner's own hotkey, as
 * a lying miner would (the Epistula response signature then verifies and only the receipt
 * checks stand between the lie and the buyer).
 */
async function proxy(rewrite: (answer: JobAnswer) => JobAnswer, resign: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = httpRequest({ host: '127.0.0.1', port: t.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          let bytes = Buffer.concat(body);
          const headers = { ...up.headers };
          if (req.url === '/job' && up.statusCode === 200) {
            bytes = Buffer.from(JSON.stringify(rewrite(JSON.parse(bytes.toString()) as JobAnswer)));
            if (resign) Object.assign(headers, signResponse({ signer: t.hotkey, requestUuid: String(req.headers[PROTOCOL_HEADERS.uuid]), body: bytes }));
          }
          headers['content-length'] = String(bytes.length);
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(bytes);
        });
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** The answer's first output with one float changed. */
function alterOutputs(answer: JobAnswer): JobAnswer {
  const data = Buffer.from(answer.outputs[0]!.data, 'base64');
  data.writeFloatLE(data.readFloatLE(0) + 1, 0);
  return { ...answer, outputs: [{ ...answer.outputs[0]!, data: data.toString('base64') }, ...answer.outputs.slice(1)] };
}

describe('tampered answers are rejected with MinerBadAnswerError', () => {
  const cases: [string, (a: JobAnswer) => JobAnswer, boolean, RegExp][] = [
    ['a proxy rewriting the outputs (response signature breaks)', alterOutputs, false, /signature/],
    ['a proxy rewriting the receipt', (a) => ({ ...a, receipt: { ...a.receipt, deviceMs: a.receipt.deviceMs + 5 } }), false, /signature/],
    ['a lying miner changing the outputs under the honest receipt', alterOutputs, true, /other outputs/],
    [
      'a lying miner changing the outputs and their hash, the receipt signature left as it was',
      (a) => {
        const changed = alterOutputs(a);
        const outputs: Tensor[] = changed.outputs.map((o) => ({ name: o.name, type: o.type, dims: o.dims, data: Buffer.from(o.data, 'base64') }));
        return { ...changed, receipt: { ...changed.receipt, outputHash: tensorsHash(outputs) } };
      },
      true,
      /signature is not the miner's/,
    ],
    ['a lying miner answering with the receipt of another job', (a) => ({ ...a, receipt: signJobReceipt(t.hotkey, { ...stripSignature(a.receipt), jobId: 'job_other' }) }), true, /for job job_other/],
    ['a lying miner whose receipt another key signed', (a) => ({ ...a, receipt: signJobReceipt(stranger(), { ...stripSignature(a.receipt), miner: stranger().address }) }), true, /names miner/],
    ['a lying miner answering with other inputs’ receipt', (a) => ({ ...a, receipt: signJobReceipt(t.hotkey, { ...stripSignature(a.receipt), inputHash: 'ab'.repeat(32) }) }), true, /other inputs/],
    ['a lying miner with a malformed answer', (a) => ({ ...a, outputs: 'nothing' }) as unknown as JobAnswer, true, /invalid jobAnswer/],
  ];
  it.each(cases)('%s', async (_name, rewrite, resign, problem) => {
    const p = await proxy(rewrite, resign);
    try {
      const error = await failure(client({ hotkey: miner.hotkey, url: p.url }, job([denseInput(2, 3)])));
      expect(error).toBeInstanceOf(MinerBadAnswerError);
      expect(String(error.details.problem)).toMatch(problem);
      expect(error.retryable).toBe(true);
    } finally {
      await p.close();
    }
  });

  it('the same proxy passing answers through unchanged is accepted (the rewrites above are what is caught)', async () => {
    const p = await proxy((a) => a, true);
    try {
      const outcome = await client({ hotkey: miner.hotkey, url: p.url }, job([denseInput(2, 3)]));
      expect(outcome.receipt.miner).toBe(miner.hotkey);
    } finally {
      await p.close();
    }
  });
});

function stripSignature(receipt: JobAnswer['receipt']) {
  const { signature: _signature, ...fields } = receipt;
  return fields;
}
