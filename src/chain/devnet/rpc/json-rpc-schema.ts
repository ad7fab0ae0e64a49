import { z } from 'zod';
import { RpcError } from './rpc-error';

/**
 * The JSON-RPC 2.0 envelope and the standard error objects, with the messages
 * jsonrpsee (and so every Substrate node) puts on the wire.
 */
export const jsonRpcIdSchema = z.union([z.number().finite(), z.string(), z.null()]);
export type JsonRpcId = z.infer<typeof jsonRpcIdSchema>;

export const jsonRpcParamsSchema = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown()), z.null()]);
export type JsonRpcParams = z.infer<typeof jsonRpcParamsSchema>;

export const jsonRpcRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string().min(1),
  params: jsonRpcParamsSchema.optional(),
  id: jsonRpcIdSchema.optional(),
});
export type JsonRpcRequest = z.infer<typeof jsonRpcRequestSchema>;

export const ErrorCode = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** jsonrpsee: too many subscriptions on one connection. */
  tooManySubscriptions: -32006,
  /** jsonrpsee: request larger than the configured maximum. */
  oversizedRequest: -32007,
  /** jsonrpsee: response larger than the configured maximum. */
  oversizedResponse: -32008,
  /** jsonrpsee: the server cannot take more work from this connection now. */
  serverIsBusy: -32009,
  /** jsonrpsee: more requests in one batch than the configured maximum. */
  tooBigBatchRequest: -32010,
  /** jsonrpsee: the answers to one batch together exceed the response size limit. */
  tooBigBatchResponse: -32011,
} as const;

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export interface JsonRpcSuccess {
  jsonrpc: '2.0';
  id: JsonRpcId;
  result: unknown;
}

export interface JsonRpcFailure {
  jsonrpc: '2.0';
  id: JsonRpcId;
  error: JsonRpcErrorObject;
}

export type JsonRpcResponse = JsonRpcSuccess | JsonRpcFailure;

export function successResponse(id: JsonRpcId, result: unknown): JsonRpcSuccess {
  return { jsonrpc: '2.0', id, result: result === undefined ? null : result };
}

export function errorResponse(id: JsonRpcId, error: JsonRpcErrorObject): JsonRpcFailure {
  return { jsonrpc: '2.0', id, error };
}

export const parseError = (): RpcError => new RpcError(ErrorCode.parseError, 'Parse error');
export const invalidRequest = (detail?: string): RpcError => new RpcError(ErrorCode.invalidRequest, 'Invalid request', detail);
export const methodNotFound = (): RpcError => new RpcError(ErrorCode.methodNotFound, 'Method not found');
export const invalidParams = (detail: string): RpcError => new RpcError(ErrorCode.invalidParams, 'Invalid params', detail);
export const internalError = (detail?: string): RpcError => new RpcError(ErrorCode.internalError, 'Internal error', detail);
export const oversizedRequest = (maxBytes: number): RpcError =>
  new RpcError(ErrorCode.oversizedRequest, 'Request is too big', `Exceeded max limit of ${maxBytes}`);
// The codes, messages and `data` texts below are jsonrpsee's (types/src/error.rs), as a Substrate node sends them.
export const oversizedResponse = (maxBytes: number): RpcError =>
  new RpcError(ErrorCode.oversizedResponse, 'Response is too big', `Exceeded max limit of ${maxBytes}`);
export const serverIsBusy = (): RpcError => new RpcError(ErrorCode.serverIsBusy, 'Server is busy, try again later');
export const tooBigBatchRequest = (maxLen: number): RpcError =>
  new RpcError(ErrorCode.tooBigBatchRequest, 'The batch request was too large', `Exceeded max limit of ${maxLen}`);
export const tooBigBatchResponse = (maxBytes: number): RpcError =>
  new RpcError(ErrorCode.tooBigBatchResponse, 'The batch response was too large', `Exceeded max limit of ${maxBytes}`);

/** The id of something that failed validation, when it carries a usable one (JSON-RPC: else null). */
export function salvageId(raw: unknown): JsonRpcId {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const parsed = jsonRpcIdSchema.safeParse((raw as Record<string, unknown>)['id']);
  return parsed.success ? parsed.data : null;
}
