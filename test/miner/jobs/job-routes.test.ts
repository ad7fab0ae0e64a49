import { DataType, GraphBuilder, WorkloadRunner } from '../../../src/pog';
import { jobAnswerSchema, RemoteError, type Tensor, tensorsFromWire, tensorsHash, verifyJobReceipt, type JobAnswer } from '../../../src/protocol';
import { call, raw, startNode, stranger, validatorA, validatorB, type TestNode } from '../helpers';
import { dense, denseDirect, denseExpected, denseInput, jobRequest, modelUpload, startJobNode } from './helpers';

jest.setTimeout(60_000);

let runner: WorkloadRunner;
let t: TestNode;

beforeAll(async () => {
  runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
  t = await startJobNode(runner, { maxInputBytes: 1024, maxModelBytes: 4096 });
});

afterAll(async () => {
  await t?.close();
  await runner?.close();
});

/** The refusal a signed call gets: its status and reason. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; reason: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RemoteError);
  const { status, reason } = error as RemoteError;
  return { status, reason };
}

const counter = async (name: string, labels: string): Promise<number> => {
  const text = await t.node.metrics.registry.render();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('POST /model and POST /job on a real onnxruntime session', () => {
  it('answers 409 model_missing for a model it does not hold, then runs it after the upload, with outputs equal to a direct run and a receipt that verifies', async () => {
    const model = dense();
    const x = denseInput(3);
    const missing = await refusal(call(t, validatorA(), '/job', jobRequest(model.hash, [x])));
    expect(missing).toEqual({ status: 409, reason: 'model_missing' });

    const stored = await call(t, validatorA(), '/model', modelUpload(model.bytes));
    expect(stored.body).toEqual({ version: 1, modelHash: model.hash, bytes: model.bytes.length, alreadyHeld: false });

    const request = jobRequest(model.hash, [x], { jobId: 'job_honest_1' });
    const { body } = await call(t, validatorA(), '/job', request);
    const answer = jobAnswerSchema.parse(body) as JobAnswer;
    const outputs = tensorsFromWire(answer.outputs, 1 << 20);
    expect(outputs.map((o) => [o.name, o.type, o.dims])).toEqual([['Y', 'float32', [3, 3]]]);
    expect(outputs[0]!.data.equals(await denseDirect(runner, x))).toBe(true);
    expect(Array.from(new Float32Array(outputs[0]!.data.buffer.slice(outputs[0]!.data.byteOffset, outputs[0]!.data.byteOffset + 36)))).toEqual(Array.from(denseExpected(x)));

    const { receipt } = answer;
    expect(receipt).toMatchObject({ jobId: 'job_honest_1', miner: t.hotkey.address, modelHash: model.hash, inputHash: tensorsHash([x]), outputHash: tensorsHash(outputs) });
    expect(verifyJobReceipt(receipt)).toBe(true);
    expect(verifyJobReceipt({ ...receipt, deviceMs: receipt.deviceMs + 1 })).toBe(false);
    expect(await counter('pog_miner_jobs_total', 'outcome="served"')).toBeGreaterThanOrEqual(1);
  });

  it('carries int64, uint8 and float16 tensors both ways, byte for byte', async () => {
    const g = new GraphBuilder('types');
    const i = g.input('I', DataType.INT64, [3]);
    const u = g.input('U', DataType.UINT8, [2, 2]);
    const h = g.input('H', DataType.FLOAT16, [2]);
    g.output(g.node('Add', [i, i], {}, 'I2'), DataType.INT64, [3]);
    g.output(g.node('Identity', [u], {}, 'U2'), DataType.UINT8, [2, 2]);
    g.output(g.node('Identity', [h], {}, 'H2'), DataType.FLOAT16, [2]);
    const bytes = Buffer.from(g.encode());
    const stored = await call(t, validatorA(), '/model', modelUpload(bytes));
    const hash = (stored.body as { modelHash: string }).modelHash;
    const inputs: Tensor[] = [
      { name: 'I', type: 'int64', dims: [3], data: Buffer.from(BigInt64Array.of(-5n, 0n, 2n ** 40n).buffer) },
      { name: 'U', type: 'uint8', dims: [2, 2], data: Buffer.from([0, 1, 254, 255]) },
      { name: 'H', type: 'float16', dims: [2], data: Buffer.from(Uint16Array.of(0x3c00, 0xc000).buffer) },
    ];
    const { body } = await call(t, validatorA(), '/job', jobRequest(hash, inputs));
    const outputs = tensorsFromWire(jobAnswerSchema.parse(body).outputs, 1 << 20);
    expect(outputs.map((o) => [o.name, o.type, o.dims])).toEqual([['H2', 'float16', [2]], ['I2', 'int64', [3]], ['U2', 'uint8', [2, 2]]]);
    expect(outputs[0]!.data.equals(inputs[2]!.data)).toBe(true);
    expect(outputs[1]!.data.equals(Buffer.from(BigInt64Array.of(-10n, 0n, 2n ** 41n).buffer))).toBe(true);
    expect(outputs[2]!.data.equals(inputs[1]!.data)).toBe(true);
  });

  it('serves a held model to another validator and says so on a second upload', async () => {
    const model = dense();
    await call(t, validatorA(), '/model', modelUpload(model.bytes));
    const again = await call(t, validatorB(), '/model', modelUpload(model.bytes));
    expect(again.body).toMatchObject({ alreadyHeld: true });
    const { body } = await call(t, validatorB(), '/job', jobRequest(model.hash, [denseInput(1, 9)]));
    expect(jobAnswerSchema.parse(body).receipt.miner).toBe(t.hotkey.address);
  });

  it('refuses an upload whose bytes hash otherwise than claimed (422 hash_mismatch) and stores nothing', async () => {
    const model = dense('Gemm');
    const before = t.node.jobs!.cache.size;
    expect(await refusal(call(t, validatorA(), '/model', modelUpload(model.bytes, 'ab'.repeat(32))))).toEqual({ status: 422, reason: 'hash_mismatch' });
    expect(t.node.jobs!.cache.size).toBe(before);
    expect(t.node.jobs!.cache.has(model.hash)).toBe(false);
  });

  it('refuses bytes onnxruntime cannot load (422 model_unloadable) and stores nothing', async () => {
    const garbage = Buffer.from('this is not an ONNX model, though its hash is right'.repeat(4));
    const upload = modelUpload(garbage);
    expect(await refusal(call(t, validatorA(), '/model', upload))).toEqual({ status: 422, reason: 'model_unloadable' });
    expect(t.node.jobs!.cache.has(upload.modelHash)).toBe(false);
    expect(await refusal(call(t, validatorA(), '/job', jobRequest(upload.modelHash, [denseInput(1)])))).toEqual({ status: 409, reason: 'model_missing' });
  });

  it('refuses an upload over the model bound (413) and inputs over the input bound (413 input_too_large)', async () => {
    const big = Buffer.alloc(8192, 7);
    expect(await refusal(call(t, validatorA(), '/model', modelUpload(big)))).toEqual({ status: 413, reason: 'body_too_large' });
    const model = dense();
    await call(t, validatorA(), '/model', modelUpload(model.bytes));
    // 100 × 4 float32 = 1600 bytes > maxInputBytes 1024.
    expect(await refusal(call(t, validatorA(), '/job', jobRequest(model.hash, [denseInput(100)])))).toEqual({ status: 413, reason: 'input_too_large' });
  });

  it('refuses inputs that do not name the model’s inputs, or whose data does not fit their dims (400 invalid_inputs)', async () => {
    const model = dense();
    await call(t, validatorA(), '/model', modelUpload(model.bytes));
    const renamed = { ...denseInput(2), name: 'Z' };
    expect(await refusal(call(t, validatorA(), '/job', jobRequest(model.hash, [renamed])))).toEqual({ status: 400, reason: 'invalid_inputs' });
    const short = { ...denseInput(2), dims: [3, 4] };
    expect(await refusal(call(t, validatorA(), '/job', jobRequest(model.hash, [short])))).toEqual({ status: 400, reason: 'invalid_inputs' });
    expect(await refusal(call(t, validatorA(), '/job', { ...jobRequest(model.hash, [denseInput(1)]), extra: 1 }))).toEqual({ status: 400, reason: 'invalid_message' });
  });

  it('refuses unsigned requests and validators it does not serve, before anything runs', async () => {
    const model = dense();
    const unsigned = await raw(t.port, { method: 'POST', path: '/job', headers: { 'content-type': 'application/json' }, body: JSON.stringify(jobRequest(model.hash, [denseInput(1)])) });
    expect(unsigned.status).toBe(400);
    expect(unsigned.json?.error).toBe('missing_header');
    const servedBefore = await counter('pog_miner_jobs_total', 'outcome="served"');
    expect(await refusal(call(t, stranger(), '/job', jobRequest(model.hash, [denseInput(1)])))).toEqual({ status: 403, reason: 'not_allowed' });
    expect(await refusal(call(t, stranger(), '/model', modelUpload(dense('Gemm').bytes)))).toEqual({ status: 403, reason: 'not_allowed' });
    expect(t.node.jobs!.cache.has(dense('Gemm').hash)).toBe(false);
    expect(await counter('pog_miner_jobs_total', 'outcome="served"')).toBe(servedBefore);
  });
});

describe('job routes on other configurations', () => {
  it('a miner without jobs answers 501 jobs_disabled', async () => {
    const plain = await startNode();
    try {
      expect(await refusal(call(plain, validatorA(), '/job', jobRequest(dense().hash, [denseInput(1)])))).toEqual({ status: 501, reason: 'jobs_disabled' });
      expect(await refusal(call(plain, validatorA(), '/model', modelUpload(dense().bytes)))).toEqual({ status: 501, reason: 'jobs_disabled' });
    } finally {
      await plain.close();
    }
  });

  it("refuses a model larger than one validator's cache share (413 model_too_large) before loading it", async () => {
    const small = await startJobNode(runner, { cacheBytes: 1024, cacheBytesPerValidator: 64 });
    try {
      expect(await refusal(call(small, validatorA(), '/model', modelUpload(dense().bytes)))).toEqual({ status: 413, reason: 'model_too_large' });
      expect(small.node.jobs!.cache.size).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('refuses to return outputs over maxOutputBytes (422 output_too_large), after the run', async () => {
    const tight = await startJobNode(runner, { maxOutputBytes: 16 });
    try {
      await call(tight, validatorA(), '/model', modelUpload(dense().bytes));
      // 1 × 3 float32 = 12 bytes fits; 2 × 3 = 24 does not.
      await call(tight, validatorA(), '/job', jobRequest(dense().hash, [denseInput(1)]));
      expect(await refusal(call(tight, validatorA(), '/job', jobRequest(dense().hash, [denseInput(2)])))).toEqual({ status: 422, reason: 'output_too_large' });
    } finally {
      await tight.close();
    }
  });
});
