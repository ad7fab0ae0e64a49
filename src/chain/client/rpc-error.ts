import { nameCustomError } from './custom-transaction-error';

/**
 * How the node and the WebSocket report failures to the client: a JSON-RPC error object
 * (polkadot's RpcError: `code`, `data`, message "code: message: data") for a rejected
 * transaction, or a plain Error when the connection is down.
 */
export interface RpcRejection {
  readonly code: number;
  /** The node's text, e.g. "Invalid Transaction: Transaction is outdated"; a subtensor `Custom error: n` is named ("StakeAmountTooLow (Custom 1)"). */
  readonly reason: string;
  /** Subtensor's custom transaction error, when the pool refused the call with one. */
  readonly custom?: { readonly code: number; readonly name: string | null };
}

const UNKNOWN_CODE = -99999;

/** The node's rejection carried by `error`, or null when it is not a JSON-RPC error. */
export function rpcRejectionOf(error: unknown): RpcRejection | null {
  const e = error as { code?: unknown; data?: unknown; message?: unknown } | null;
  if (!e || typeof e.code !== 'number' || e.code === UNKNOWN_CODE || typeof e.message !== 'string') return null;
  const head = (e.message.split('\n')[0] ?? '').replace(/^-?\d+: /, '');
  let reason = head;
  if (typeof e.data === 'string' && e.data !== '') {
    const sep = head.indexOf(': ');
    reason = `${sep < 0 ? head : head.slice(0, sep)}: ${e.data}`;
  }
  const named = nameCustomError(reason);
  return named.custom ? { code: e.code, reason: named.reason, custom: named.custom } : { code: e.code, reason };
}

/** True for an error that means the request may not have reached the node (connection down or lost, no answer). */
export function isConnectionError(error: unknown): boolean {
  if (rpcRejectionOf(error)) return false;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /WebSocket is not connected|disconnected from|No response received|Abnormal Closure|ECONNRESET|ECONNREFUSED|socket hang up/i.test(message);
}

/** 1013 "Transaction Already Imported": the pool holds these exact bytes already. */
export function isAlreadyImported(r: RpcRejection): boolean {
  return r.code === 1013 || /already imported/i.test(r.reason);
}

/** 1010 "Transaction is outdated": the signer's nonce has moved past this transaction's. */
export function isOutdated(r: RpcRejection): boolean {
  return r.code === 1010 && /outdated|stale/i.test(r.reason);
}

/** Rejections that a fresh nonce can fix: outdated, future, or a pool slot taken by another transaction (1014). */
export function isNonceRejection(r: RpcRejection): boolean {
  if (isOutdated(r)) return true;
  if (r.code === 1010 && /future/i.test(r.reason)) return true;
  return r.code === 1014 || /priority is too low/i.test(r.reason);
}
