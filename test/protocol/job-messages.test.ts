import { keypairFromUri } from '../../src/chain/keys';
import {
  JobMessageError,
  MAX_JOB_REQUEST_BYTES,
  parseJobMessage,
  receiptSigningMessage,
  signJobReceipt,
  TensorWireError,
  tensorsFromWire,
  tensorsHash,
  tensorsToWire,
  verifyJobReceipt,
  type Tensor,
} from '../../src/protocol';

const miner = keypairFromUri('//PogMiner//hot');
const x: Tensor = { name: 'X', type: 'float32', dims: [2, 2], data: Buffer.from(Float32Array.of(1, 2, 3, 4).buffer) };

describe('job tensors on the wire', () => {
  it('round-trips and hashes the same whatever the order', () => {
    const y: Tensor = { name: 'A', type: 'int64', dims: [1], data: Buffer.alloc(8, 1) };
    const back = tensorsFromWire(tensorsToWire([x, y]), 1024);
    expect(back.map((t) => t.name)).toEqual(['A', 'X']);
    expect(tensorsHash(back)).toBe(tensorsHash([y, x]));
    expect(back[1]!.data.equals(x.data)).toBe(true);
  });

  it('refuses data that does not fit its dims, duplicates, bad base64, and forged dims over the byte bound before decoding', () => {
    const [w] = tensorsToWire([x]);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(TensorWireError);
        return (e as TensorWireError).code;
      }
      throw new Error('accepted');
    };
    expect(code(() => tensorsFromWire([{ ...w!, dims: [2, 3] }], 1024))).toBe('wrong_size');
    expect(code(() => tensorsFromWire([w!, w!], 1024))).toBe('duplicate_name');
    expect(code(() => tensorsFromWire([{ ...w!, data: 'not*base64' }], 1024))).toBe('not_base64');
    expect(code(() => tensorsFromWire([{ ...w!, dims: [1 << 24, 1 << 24] }], 1024))).toBe('too_large');
    expect(code(() => tensorsFromWire([w!], 15))).toBe('too_large');
  });
});

describe('job messages', () => {
  const request = { version: 1, jobId: 'job_0a1b', modelHash: 'ab'.repeat(32), inputs: tensorsToWire([x]), timeoutMs: 5000 };

  it('parses a job request from bytes and refuses unknown fields, bad hashes and out-of-range timeouts', () => {
    expect(parseJobMessage('jobRequest', Buffer.from(JSON.stringify(request)))).toEqual(request);
    for (const bad of [{ ...request, extra: 1 }, { ...request, modelHash: 'AB'.repeat(32) }, { ...request, timeoutMs: 0 }, { ...request, timeoutMs: 700_000 }, { ...request, jobId: 'a b' }, { ...request, version: 2 }]) {
      expect(() => parseJobMessage('jobRequest', bad)).toThrow(JobMessageError);
    }
    expect(() => parseJobMessage('jobRequest', Buffer.from('{'))).toThrow(/not JSON/);
    expect(MAX_JOB_REQUEST_BYTES).toBeGreaterThan(16 * 2 ** 20 * (4 / 3));
  });

  it('signs a receipt over the canonical JSON of its seven fields; any change breaks it', () => {
    const fields = { jobId: 'job_1', miner: miner.address, modelHash: 'ab'.repeat(32), inputHash: tensorsHash([x]), outputHash: 'cd'.repeat(32), deviceMs: 1.5, finishedAtMs: 1_700_000_000_000 };
    expect(receiptSigningMessage(fields)).toBe(
      `{"deviceMs":1.5,"finishedAtMs":1700000000000,"inputHash":"${fields.inputHash}","jobId":"job_1","miner":"${miner.address}","modelHash":"${'ab'.repeat(32)}","outputHash":"${'cd'.repeat(32)}"}`,
    );
    const receipt = signJobReceipt(miner, fields);
    expect(parseJobMessage('jobAnswer', { version: 1, outputs: [], receipt }).receipt).toEqual(receipt);
    expect(verifyJobReceipt(receipt)).toBe(true);
    expect(verifyJobReceipt({ ...receipt, outputHash: 'ce'.repeat(32) })).toBe(false);
    expect(verifyJobReceipt({ ...receipt, miner: keypairFromUri('//Other').address })).toBe(false);
    expect(() => signJobReceipt(keypairFromUri('//Other'), fields)).toThrow(TypeError);
  });
});
