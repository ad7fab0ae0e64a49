import { createHash } from 'node:crypto';
import * as ort from 'onnxruntime-node';
import { big, one, type Database } from '../db/database';
import { ModelRejectedError, NotFoundError, PayloadTooLargeError } from '../errors';
import { nowMs } from '../ids';
import { checkOnnxModel, type CheckedModel, type ValueInfo } from './onnx-check';

/** Default largest model accepted (bytes). */
export const DEFAULT_MAX_MODEL_BYTES = 64 * 1024 * 1024;

export interface StoredModel extends Omit<CheckedModel, 'irVersion' | 'opset' | 'nodes'> {
  /** SHA-256 of the model's bytes, hex: its address. */
  readonly hash: string;
  readonly bytes: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * ONNX models, uploaded once and addressed by SHA-256. A model is stored only after the
 * static check (onnx-check) and after onnxruntime's CPU EP has loaded it, so no miner is ever
 * sent a model that the runtime refuses. Uploading the same bytes again returns the stored
 * model and changes nothing.
 */
export class ModelStore {
  constructor(
    private readonly db: Database,
    private readonly maxBytes = DEFAULT_MAX_MODEL_BYTES,
  ) {}

  async upload(accountId: string, bytes: Uint8Array): Promise<{ model: StoredModel; created: boolean }> {
    if (bytes.length > this.maxBytes) throw new PayloadTooLargeError(this.maxBytes, { what: 'model' });
    if (bytes.length === 0) throw new ModelRejectedError('the model is empty');
    const hash = sha256Hex(bytes);
    const existing = await this.find(hash);
    if (existing) return { model: existing, created: false };
    const checked = checkOnnxModel(bytes);
    await loadOnCpu(bytes);
    const changed = await this.db.run(
      'INSERT INTO models (hash, bytes, data, operators, parameters, inputs, outputs, account_id, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING',
      [hash, BigInt(bytes.length), bytes, checked.operators.join(','), checked.parameters, JSON.stringify(checked.inputs), JSON.stringify(checked.outputs), accountId, nowMs()],
    );
    const model: StoredModel = { hash, bytes: bytes.length, operators: checked.operators, parameters: checked.parameters, inputs: checked.inputs, outputs: checked.outputs };
    return { model, created: changed === 1 };
  }

  async find(hash: string): Promise<StoredModel | null> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return null;
    const r = await one(this.db, 'SELECT hash, bytes, operators, parameters, inputs, outputs FROM models WHERE hash = ?', [hash]);
    if (!r) return null;
    return {
      hash,
      bytes: Number(big(r.bytes)),
      operators: String(r.operators).split(','),
      parameters: big(r.parameters),
      inputs: JSON.parse(String(r.inputs)) as ValueInfo[],
      outputs: JSON.parse(String(r.outputs)) as ValueInfo[],
    };
  }

  async get(hash: string): Promise<StoredModel> {
    const model = await this.find(hash);
    if (!model) throw new NotFoundError('model', hash);
    return model;
  }

  /** The model's bytes (what a miner fetches by hash). */
  async data(hash: string): Promise<Uint8Array> {
    const r = await one(this.db, 'SELECT data FROM models WHERE hash = ?', [hash]);
    if (!r) throw new NotFoundError('model', hash);
    return new Uint8Array(r.data as Buffer);
  }
}

/** Loads the model into onnxruntime's CPU EP and releases it: the runtime's own verdict. */
async function loadOnCpu(bytes: Uint8Array): Promise<void> {
  let session: ort.InferenceSession | undefined;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled', intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (error) {
    throw new ModelRejectedError(`onnxruntime cannot load it: ${String((error as Error).message).slice(0, 300)}`);
  } finally {
    await session?.release().catch(() => undefined);
  }
}
