import { z } from 'zod';
import { ProtocolError } from '../errors';
import { signatureValue, ss58Value } from '../header-values';
import { base64Chars, MAX_INPUT_BYTES, MAX_TENSORS, tensorSchema } from './tensor-wire';

/**
 * The compute market's messages between the gateway and a miner's axon (docs/miner.md, "Jobs"):
 * POST /job carries a JobRequest and is answered with a JobAnswer; POST /model carries a
 * ModelUpload and is answered with a ModelStored. Every one is zod-checked (strict: unknown
 * fields refused) and its body size-bounded before it is parsed.
 */
export const JOB_PROTOCOL_VERSION = 1;

/** The largest model any miner accepts on the wire; a miner may configure a smaller bound. */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;
/** Most bytes of output data a job may return (all tensors together). */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** Longest wall time a job request may ask for. */
export const MAX_JOB_TIMEOUT_MS = 600_000;

/** Room for the JSON around the tensors' base64: names, dims, field names. */
const ENVELOPE_BYTES = MAX_TENSORS * 512 + 4096;
/** Body bound of POST /job for inputs of at most `maxInputBytes`. */
export const jobRequestBodyBytes = (maxInputBytes: number): number => base64Chars(maxInputBytes) + ENVELOPE_BYTES;
export const MAX_JOB_REQUEST_BYTES = jobRequestBodyBytes(MAX_INPUT_BYTES);
/** Body bound of a JobAnswer. */
export const MAX_JOB_ANSWER_BYTES = base64Chars(MAX_OUTPUT_BYTES) + ENVELOPE_BYTES;
/** Body bound of POST /model for a model of at most `maxModelBytes`. */
export const modelUploadBodyBytes = (maxModelBytes: number): number => base64Chars(maxModelBytes) + 1024;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
/** The gateway's job ids are `job_` + hex; any short token is accepted. */
const jobId = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1-128 characters of [A-Za-z0-9_.:-]');
const version = z.literal(JOB_PROTOCOL_VERSION);

export const jobRequestSchema = z
  .object({
    version,
    jobId,
    modelHash: sha256Hex,
    inputs: z.array(tensorSchema).max(MAX_TENSORS),
    /** Wall milliseconds the miner has from receiving the request to answering it. */
    timeoutMs: z.number().int().min(1).max(MAX_JOB_TIMEOUT_MS),
  })
  .strict();
export type JobRequest = z.infer<typeof jobRequestSchema>;

export const modelUploadSchema = z
  .object({
    version,
    /** SHA-256 of the model's bytes: the miner refuses the upload when they hash otherwise. */
    modelHash: sha256Hex,
    /** The ONNX model's bytes in base64. */
    model: z.string().max(base64Chars(MAX_MODEL_BYTES)),
  })
  .strict();
export type ModelUpload = z.infer<typeof modelUploadSchema>;

export const modelStoredSchema = z
  .object({
    version,
    modelHash: sha256Hex,
    bytes: z.number().int().min(1).max(MAX_MODEL_BYTES),
    /** The model was already held (nothing was stored anew). */
    alreadyHeld: z.boolean(),
  })
  .strict();
export type ModelStored = z.infer<typeof modelStoredSchema>;

/** The receipt's fields without its signature: what the signature covers (see receiptSigningMessage). */
export const receiptFieldsSchema = z
  .object({
    jobId,
    miner: ss58Value,
    modelHash: sha256Hex,
    inputHash: sha256Hex,
    outputHash: sha256Hex,
    deviceMs: z.number().min(0).max(MAX_JOB_TIMEOUT_MS * 10),
    finishedAtMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type JobReceiptFields = z.infer<typeof receiptFieldsSchema>;

export const jobReceiptSchema = receiptFieldsSchema.extend({ signature: signatureValue }).strict();
export type JobReceipt = z.infer<typeof jobReceiptSchema>;

export const jobAnswerSchema = z
  .object({
    version,
    outputs: z.array(tensorSchema).max(MAX_TENSORS),
    receipt: jobReceiptSchema,
  })
  .strict();
export type JobAnswer = z.infer<typeof jobAnswerSchema>;

const SCHEMAS = { jobRequest: jobRequestSchema, modelUpload: modelUploadSchema, modelStored: modelStoredSchema, jobAnswer: jobAnswerSchema } as const;
export type JobMessageKind = keyof typeof SCHEMAS;
export type JobMessage<K extends JobMessageKind> = z.infer<(typeof SCHEMAS)[K]>;

/** A job message that is not JSON or breaks its schema (answered 400 `invalid_message`). */
export class JobMessageError extends ProtocolError {
  constructor(
    readonly kind: JobMessageKind,
    problem: string,
  ) {
    super(`invalid ${kind}: ${problem}`.slice(0, 400), 400, 'invalid_message');
  }
}

/** Parses a job message from its JSON bytes, or from a value already parsed; throws JobMessageError. */
export function parseJobMessage<K extends JobMessageKind>(kind: K, input: Uint8Array | unknown): JobMessage<K> {
  let value: unknown = input;
  if (input instanceof Uint8Array) {
    try {
      value = JSON.parse(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8')) as unknown;
    } catch {
      throw new JobMessageError(kind, 'the body is not JSON');
    }
  }
  const result = SCHEMAS[kind].safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new JobMessageError(kind, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data as JobMessage<K>;
}
