import type { KeyringPair } from '@polkadot/keyring/types';
import {
  JOB_PROTOCOL_VERSION,
  JobMessageError,
  MAX_JOB_ANSWER_BYTES,
  MAX_OUTPUT_BYTES,
  parseJobMessage,
  ProtocolError,
  RemoteError,
  RequestAbortedError,
  RequestTimeoutError,
  signedFetch,
  tensorsFromWire,
  tensorsHash,
  tensorsToWire,
  TensorWireError,
  TransportError,
  verifyJobReceipt,
  type JobAnswer,
  type JobRequest,
  type ModelUpload,
  type Tensor,
} from '../../protocol';
import { JobWithdrawnError, MinerBadAnswerError, MinerBusyError, MinerJobError, MinerRefusedError, MinerTimeoutError, MinerTransportError } from '../errors';
import type { ExecuteJob, JobExecution, JobMiner, JobOutcome } from './execute-job';

export interface MinerJobClientOptions {
  /** The gateway's hotkey (a validator permit holder): signs every request; miners serve it as a validator. */
  readonly signer: KeyringPair;
  /** How long past the job's timeout the answer may take to arrive (default 2 s): the miner's own deadline answer must reach us. */
  readonly answerGraceMs?: number;
  /** Bound on an answer's body (default src/protocol's MAX_JOB_ANSWER_BYTES). */
  readonly maxAnswerBytes?: number;
}

/** Refusals caused by the job itself: every miner would refuse it the same way, so no other is tried. */
const JOB_AT_FAULT = new Set(['invalid_message', 'invalid_inputs', 'input_too_large', 'body_too_large', 'model_too_large', 'hash_mismatch', 'model_unloadable', 'output_too_large', 'unsupported_output']);
const BUSY = new Set(['busy', 'shutting_down', 'runner_unavailable']);
const TIMED_OUT = new Set(['job_deadline', 'request_timeout', 'body_timeout']);

/**
 * ExecuteJob over the miners' axons: POST /job signed with the gateway's hotkey (src/protocol's
 * Epistula); on 409 model_missing, POST /model with the model's bytes and POST /job once more.
 * The answer counts only when its response signature, its schema and its receipt all verify:
 * receipt signed by the miner the scheduler picked, naming this job, this model and these
 * inputs, and an outputHash equal to the hash of the outputs it came with.
 */
export function createMinerJobClient(options: MinerJobClientOptions): ExecuteJob {
  const graceMs = options.answerGraceMs ?? 2_000;
  const maxAnswerBytes = options.maxAnswerBytes ?? MAX_JOB_ANSWER_BYTES;

  return async (miner: JobMiner, job: JobExecution, signal?: AbortSignal): Promise<JobOutcome> => {
    const deadlineAt = Date.now() + job.timeoutMs;
    const remaining = (): number => {
      const ms = deadlineAt - Date.now();
      if (ms <= 0) throw new MinerTimeoutError(miner.hotkey, job.timeoutMs);
      return ms;
    };
    const post = async (path: '/job' | '/model', json: JobRequest | ModelUpload, maxResponseBytes: number): Promise<unknown> => {
      const timeoutMs = remaining();
      try {
        const answer = await signedFetch({ url: miner.url, path, json, signer: options.signer, receiver: miner.hotkey, timeoutMs: timeoutMs + graceMs, maxResponseBytes, signal });
        return answer.body;
      } catch (error) {
        throw asMinerError(miner, job, error);
      }
    };
    const inputs = tensorsToWire(job.inputs);
    const runOnce = () => post('/job', { version: JOB_PROTOCOL_VERSION, jobId: job.jobId, modelHash: job.modelHash, inputs, timeoutMs: remaining() }, maxAnswerBytes);

    let body: unknown;
    try {
      body = await runOnce();
    } catch (error) {
      if (!(error instanceof MinerRefusedError) || error.details.reason !== 'model_missing') throw error;
      const bytes = await job.modelBytes();
      const stored = parse(miner, 'modelStored', await post('/model', { version: JOB_PROTOCOL_VERSION, modelHash: job.modelHash, model: bytes.toString('base64') }, 64 * 1024));
      if (stored.modelHash !== job.modelHash) throw new MinerBadAnswerError(miner.hotkey, `the upload was acknowledged for model ${stored.modelHash}`);
      body = await runOnce();
    }
    return verifyAnswer(miner, job, parse(miner, 'jobAnswer', body));
  };
}

function parse<K extends 'jobAnswer' | 'modelStored'>(miner: JobMiner, kind: K, body: unknown) {
  try {
    return parseJobMessage(kind, body);
  } catch (error) {
    if (error instanceof JobMessageError) throw new MinerBadAnswerError(miner.hotkey, error.message);
    throw error;
  }
}

/** The outcome, once everything the answer claims has been checked against the job. */
function verifyAnswer(miner: JobMiner, job: JobExecution, answer: JobAnswer): JobOutcome {
  const bad = (problem: string): never => {
    throw new MinerBadAnswerError(miner.hotkey, problem);
  };
  const { receipt } = answer;
  if (receipt.miner !== miner.hotkey) bad(`the receipt names miner ${receipt.miner}`);
  if (receipt.jobId !== job.jobId) bad(`the receipt is for job ${receipt.jobId}`);
  if (receipt.modelHash !== job.modelHash) bad(`the receipt is for model ${receipt.modelHash}`);
  if (receipt.inputHash !== tensorsHash(job.inputs)) bad('the receipt is for other inputs');
  let outputs: Tensor[] = [];
  try {
    outputs = tensorsFromWire(answer.outputs, MAX_OUTPUT_BYTES);
  } catch (error) {
    if (error instanceof TensorWireError) bad(`the outputs do not decode: ${error.message}`);
    throw error;
  }
  if (outputs.length === 0) bad('the answer has no outputs');
  if (receipt.outputHash !== tensorsHash(outputs)) bad('the receipt is for other outputs than the ones sent');
  if (!verifyJobReceipt(receipt)) bad("the receipt's signature is not the miner's");
  return { outputs: outputs, receipt };
}

/** A signedFetch failure as the MinerJobError the scheduler acts on. */
function asMinerError(miner: JobMiner, job: JobExecution, error: unknown): MinerJobError {
  if (error instanceof MinerJobError) return error;
  if (error instanceof RemoteError) {
    if (BUSY.has(error.reason)) return new MinerBusyError(miner.hotkey, error.reason);
    if (TIMED_OUT.has(error.reason)) return new MinerTimeoutError(miner.hotkey, job.timeoutMs);
    const remoteMessage = error.message.split(': ').slice(1).join(': ') || undefined;
    return new MinerRefusedError(miner.hotkey, error.reason, error.status, !JOB_AT_FAULT.has(error.reason), remoteMessage);
  }
  if (error instanceof RequestTimeoutError) return new MinerTimeoutError(miner.hotkey, job.timeoutMs);
  if (error instanceof RequestAbortedError) return new JobWithdrawnError(miner.hotkey);
  if (error instanceof TransportError) return new MinerTransportError(miner.hotkey, error.message);
  // Too large, malformed, unsigned or signed by another key: the answer cannot be trusted.
  if (error instanceof ProtocolError) return new MinerBadAnswerError(miner.hotkey, error.message);
  if (error instanceof TypeError) return new MinerTransportError(miner.hotkey, `the request could not be made: ${error.message}`);
  throw error;
}
