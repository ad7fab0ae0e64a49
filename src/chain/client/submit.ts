import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Logger } from '../../logging';
import type { ChainConnection } from './connection';
import { SubmissionTimeoutError, TransactionRejectedError } from './errors';
import { extrinsicResult, findExtrinsic, type SubmitResult } from './inclusion';
import { isAlreadyImported, isConnectionError, isNonceRejection, isOutdated, rpcRejectionOf } from './rpc-error';
import { pollInclusion, submitAndWatch, type WaitFor, type Watch, type WatchOutcome } from './watch';

export type { ChainEvent, SubmitResult } from './inclusion';
export type { WaitFor } from './watch';

export interface SubmitOptions {
  /** Resolve once the extrinsic is in a block (default) or once that block is finalized. */
  readonly waitFor?: WaitFor;
  /** Overall limit, waiting for a lost connection included (default 120 s). */
  readonly timeoutMs?: number;
}

export const DEFAULT_SUBMIT_TIMEOUT_MS = 120_000;

/** Attempts to sign with a fresh nonce after the node refused one as outdated/future/taken. */
const NONCE_ATTEMPTS = 3;

/** A signed extrinsic that the node has (or may have) received. */
interface Sent {
  readonly hex: string;
  readonly hash: string;
  readonly nonce: number;
  /** The head when it was signed: it cannot be in an earlier block. */
  readonly fromBlock: number;
  /** Null when the connection dropped while handing it over (the node may have it or not). */
  readonly watch: Watch | null;
}

class Deadline {
  readonly #at: number;
  constructor(readonly timeoutMs: number) {
    this.#at = Date.now() + timeoutMs;
  }
  get remaining(): number {
    return Math.max(0, this.#at - Date.now());
  }
}

function rejected(call: string, error: unknown, txHash: string | null = null): Error {
  const r = rpcRejectionOf(error);
  return r ? new TransactionRejectedError(call, r.code, r.reason, txHash) : (error as Error);
}

/** A short breath before retrying after a connection error, so a flapping connection is not hammered. */
function pause(deadline: Deadline): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.min(100, deadline.remaining)));
}

async function withDeadline<T>(promise: Promise<T>, deadline: Deadline, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(onTimeout()), deadline.remaining);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Signs with `nonce` and hands the bytes to the node; resolves once the pool accepted them (or the connection dropped meanwhile). */
async function signAndHandOver(client: ChainConnection, tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, nonce: number, waitFor: WaitFor, log: Logger): Promise<Sent> {
  const fromBlock = (await client.api.rpc.chain.getHeader()).number.toNumber();
  await tx.signAsync(signer, { nonce });
  const hex = tx.toHex();
  const hash = tx.hash.toHex();
  const watch = submitAndWatch(client, hex, waitFor);
  try {
    await watch.accepted;
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    log.warn({ txHash: hash, nonce }, 'connection lost while submitting; will check and resubmit after reconnecting');
    return { hex, hash, nonce, fromBlock, watch: null };
  }
  log.debug({ txHash: hash, nonce }, 'extrinsic accepted by the pool');
  return { hex, hash, nonce, fromBlock, watch };
}

/** Waits for the block holding the extrinsic to be finalized (after a scan found it in a block). */
async function awaitFinality(client: ChainConnection, blockHash: string, blockNumber: number, deadline: Deadline, call: string, txHash: string): Promise<void> {
  const { api } = client;
  for (;;) {
    const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
    if (finalized.number.toNumber() >= blockNumber) {
      const canonical = (await api.rpc.chain.getBlockHash(blockNumber)).toHex();
      if (canonical !== blockHash) throw new TransactionRejectedError(call, null, `block ${blockHash} holding the extrinsic was retracted`, txHash);
      return;
    }
    if (deadline.remaining === 0) throw new SubmissionTimeoutError(call, txHash, 'finalized', deadline.timeoutMs);
    await new Promise((r) => setTimeout(r, Math.min(250, deadline.remaining)));
  }
}

/**
 * Follows a handed-over extrinsic to its block. When the connection drops meanwhile, it waits
 * for the reconnection, looks for the extrinsic's hash in the blocks since it was signed and,
 * when it is in none, submits the same signed bytes again (same hash, same nonce: the chain
 * can apply them at most once). "Already imported" means the pool still holds them; "outdated"
 * means their nonce was used, by them (then a block has them) or by another transaction.
 */
async function follow(client: ChainConnection, call: string, signer: string, sent: Sent, waitFor: WaitFor, deadline: Deadline, log: Logger): Promise<SubmitResult> {
  const timeout = () => new SubmissionTimeoutError(call, sent.hash, waitFor, deadline.timeoutMs);
  const settleFound = async (blockHash: string, finalized: boolean): Promise<SubmitResult> => {
    const result = await withDeadline(extrinsicResult(client.api, call, sent.hash, blockHash), deadline, timeout);
    if (waitFor === 'finalized' && !finalized) await awaitFinality(client, blockHash, result.blockNumber, deadline, call, sent.hash);
    log.info({ txHash: sent.hash, blockNumber: result.blockNumber }, `${call} included`);
    return result;
  };
  let watch = sent.watch;
  for (;;) {
    if (watch) {
      const current = watch;
      let outcome: WatchOutcome;
      try {
        outcome = await withDeadline(current.outcome, deadline, timeout);
      } catch (error) {
        current.stop();
        throw error;
      }
      if (outcome.kind === 'included') return settleFound(outcome.blockHash, outcome.finalized);
      if (outcome.kind === 'rejected') {
        const found = client.isConnected ? await findExtrinsic(client.api, sent.hash, sent.fromBlock) : null;
        if (found) return settleFound(found.blockHash, false);
        client.nonces.resync(signer);
        throw new TransactionRejectedError(call, null, `the transaction pool reported it ${outcome.status}`, sent.hash);
      }
      if (outcome.kind === 'error' && !isConnectionError(outcome.error)) throw rejected(call, outcome.error, sent.hash);
      log.warn({ txHash: sent.hash }, 'connection lost while the extrinsic was in flight; will check and resubmit after reconnecting');
    }
    watch = null;
    await client.waitConnected(deadline.remaining);
    try {
      const found = await findExtrinsic(client.api, sent.hash, sent.fromBlock);
      if (found) {
        log.info({ txHash: sent.hash, blockNumber: found.blockNumber }, 'found the in-flight extrinsic in a block after reconnecting');
        return await settleFound(found.blockHash, false);
      }
      const again = submitAndWatch(client, sent.hex, waitFor);
      try {
        await again.accepted;
        log.info({ txHash: sent.hash }, 'resubmitted the same signed extrinsic after reconnecting');
        watch = again;
      } catch (error) {
        if (isConnectionError(error)) {
          await pause(deadline);
          continue;
        }
        const r = rpcRejectionOf(error);
        if (r && isAlreadyImported(r)) {
          log.info({ txHash: sent.hash }, 'the node already holds the extrinsic; watching new blocks for it');
          watch = pollInclusion(client, sent.hash, sent.fromBlock);
          continue;
        }
        if (r && isOutdated(r)) {
          const late = await findExtrinsic(client.api, sent.hash, sent.fromBlock);
          if (late) return await settleFound(late.blockHash, false);
          client.nonces.resync(signer);
          throw new TransactionRejectedError(call, r.code, `${r.reason}; nonce ${sent.nonce} was used by another transaction, so this one was not applied`, sent.hash);
        }
        client.nonces.resync(signer);
        throw rejected(call, error, sent.hash);
      }
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      await pause(deadline);
    }
  }
}

/**
 * Signs `tx` with `signer`'s next nonce (see `NonceQueue`), submits it and waits until it is
 * in a block (or finalized). Resolves with the block and the extrinsic's events.
 *
 * @throws ChainDispatchError when the extrinsic failed in its block (`.name` is e.g.
 *   `subtensorModule.SettingWeightsTooFast`), including a call dispatched by sudo.
 * @throws TransactionRejectedError when the node refused it (1010 invalid …) or dropped it.
 * @throws SubmissionTimeoutError after `timeoutMs`; ChainUnreachableError when a lost
 *   connection does not come back in time.
 */
export async function submit(client: ChainConnection, tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair, options: SubmitOptions = {}): Promise<SubmitResult> {
  const waitFor = options.waitFor ?? 'inBlock';
  const deadline = new Deadline(options.timeoutMs ?? DEFAULT_SUBMIT_TIMEOUT_MS);
  const call = `${tx.method.section}.${tx.method.method}`;
  const log = client.logger.child({ call, signer: signer.address });
  for (let attempt = 1; ; attempt++) {
    await client.waitConnected(deadline.remaining);
    let sent: Sent;
    try {
      sent = await withDeadline(
        client.nonces.withNonce(signer.address, (nonce) => signAndHandOver(client, tx, signer, nonce, waitFor, log)),
        deadline,
        () => new SubmissionTimeoutError(call, null, waitFor, deadline.timeoutMs),
      );
    } catch (error) {
      const r = rpcRejectionOf(error);
      if (r && isNonceRejection(r) && attempt < NONCE_ATTEMPTS) {
        log.info({ reason: r.reason }, 'nonce refused; resynchronising it from the node and signing again');
        continue;
      }
      // Nothing reached the node (the nonce or header request failed): try again once connected.
      if (isConnectionError(error) && deadline.remaining > 0) {
        await pause(deadline);
        continue;
      }
      throw rejected(call, error);
    }
    return follow(client, call, signer.address, sent, waitFor, deadline, log);
  }
}
