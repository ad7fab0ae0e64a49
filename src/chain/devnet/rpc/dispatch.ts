import type { Logger } from 'pino';
import type { MethodTable } from './handlers';
import {
  errorResponse,
  internalError,
  invalidRequest,
  jsonRpcRequestSchema,
  methodNotFound,
  parseError,
  oversizedResponse,
  salvageId,
  successResponse,
  tooBigBatchRequest,
  tooBigBatchResponse,
  type JsonRpcErrorObject,
  type JsonRpcId,
  type JsonRpcResponse,
} from './json-rpc-schema';
import type { CallContext } from './method';
import { parseParams } from './params';
import { RpcError } from './rpc-error';
import type { SubscriptionManager } from './subscriptions';

/**
 * Turns one incoming text (a request or a batch) into the text to answer with.
 * Nothing a handler throws escapes: RpcErrors keep their code, anything else is
 * logged and answered with -32603.
 *
 * A batch runs one request at a time and hands the event loop back every `sliceMs`,
 * so a long batch on one connection cannot stall the others; it stops as soon as its
 * answers exceed `maxResponseBytes`, so the memory one batch can take is bounded by the
 * limit (plus one answer), not by what the requests ask for.
 */
export interface DispatchLimits {
  /** Requests in one batch (jsonrpsee's `max_batch_request_len`). */
  readonly maxBatchRequestLen: number;
  /** Bytes of one response, or of a batch's responses together. */
  readonly maxResponseBytes: number;
  /** Work between two yields to the event loop. */
  readonly sliceMs: number;
}

export interface DispatchContext {
  readonly limits: DispatchLimits;
  readonly table: MethodTable;
  readonly call: CallContext;
  /** null over HTTP, where subscriptions cannot be delivered. */
  readonly subscriptions: SubscriptionManager | null;
  readonly logger: Logger;
}

export interface DispatchOutcome {
  /** null when nothing is answered (only notifications were sent). */
  readonly response: string | null;
  /** Run after `response` was sent: starts the delivery of new subscriptions. */
  readonly afterSend: readonly (() => void)[];
}

interface RequestOutcome {
  readonly response: JsonRpcResponse | null;
  readonly afterSend?: () => void;
  /** Undoes what the request opened, when its response cannot be sent (the batch was too large). */
  readonly cancel?: () => void;
}

function toErrorObject(error: unknown, logger: Logger, method: string): JsonRpcErrorObject {
  if (error instanceof RpcError) return error.toJSON();
  logger.error({ err: error, method }, 'RPC handler failed');
  const detail = error instanceof Error ? error.message : String(error);
  return internalError(detail).toJSON();
}

async function handleRequest(raw: unknown, ctx: DispatchContext): Promise<RequestOutcome> {
  const parsed = jsonRpcRequestSchema.safeParse(raw);
  if (!parsed.success) {
    return { response: errorResponse(salvageId(raw), invalidRequest().toJSON()) };
  }
  const { method, params } = parsed.data;
  const isNotification = parsed.data.id === undefined;
  const id: JsonRpcId = parsed.data.id ?? null;
  const fail = (error: unknown): RequestOutcome => {
    const object = toErrorObject(error, ctx.logger, method);
    return { response: isNotification ? null : errorResponse(id, object) };
  };

  const def = ctx.table.get(method);
  if (def === undefined) return fail(methodNotFound());

  try {
    const args = parseParams(def.params, params);
    switch (def.kind) {
      case 'call': {
        const result: unknown = await def.run(args, ctx.call);
        return { response: isNotification ? null : successResponse(id, result) };
      }
      case 'subscribe': {
        if (ctx.subscriptions === null) {
          throw new RpcError(-32603, 'Subscriptions are not supported over HTTP', 'connect over WebSocket to subscribe');
        }
        // A subscription nobody can learn the id of would only leak.
        if (isNotification) return { response: null };
        const manager = ctx.subscriptions;
        const opened = manager.open(def.notification, (sink) => def.start(args, sink, ctx.call), def.watchedKeys?.(args) ?? 0);
        return {
          response: successResponse(id, opened.id),
          afterSend: opened.activate,
          cancel: () => manager.close(def.notification, opened.id),
        };
      }
      case 'unsubscribe': {
        if (ctx.subscriptions === null) {
          throw new RpcError(-32603, 'Subscriptions are not supported over HTTP', 'connect over WebSocket to subscribe');
        }
        const closed = ctx.subscriptions.close(def.notification, args[0] as string);
        return { response: isNotification ? null : successResponse(id, closed) };
      }
    }
  } catch (error) {
    return fail(error);
  }
}

/** JSON text of one response; a result that cannot be serialized becomes -32603, one too large -32008. */
function serialize(response: JsonRpcResponse, ctx: DispatchContext): string {
  let text: string;
  try {
    text = JSON.stringify(response);
  } catch (error) {
    ctx.logger.error({ err: error, id: response.id }, 'cannot serialize an RPC response');
    return JSON.stringify(errorResponse(response.id, internalError('the result could not be serialized').toJSON()));
  }
  const max = ctx.limits.maxResponseBytes;
  if (text.length > max || Buffer.byteLength(text, 'utf8') > max) {
    return JSON.stringify(errorResponse(response.id, oversizedResponse(max).toJSON()));
  }
  return text;
}

const single = (response: JsonRpcResponse, ctx: DispatchContext): DispatchOutcome => ({ response: serialize(response, ctx), afterSend: [] });

/** Lets I/O and other connections' work run. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function dispatchBatch(items: readonly unknown[], ctx: DispatchContext): Promise<DispatchOutcome> {
  const { maxBatchRequestLen, maxResponseBytes, sliceMs } = ctx.limits;
  if (items.length === 0) return single(errorResponse(null, invalidRequest('empty batch').toJSON()), ctx);
  if (items.length > maxBatchRequestLen) return single(errorResponse(null, tooBigBatchRequest(maxBatchRequestLen).toJSON()), ctx);

  const parts: string[] = [];
  const afterSend: (() => void)[] = [];
  const cancels: (() => void)[] = [];
  // `[`, `]` and the commas.
  let bytes = 1;
  let sliceStart = performance.now();
  for (const item of items) {
    const outcome = await handleRequest(item, ctx);
    if (outcome.afterSend !== undefined) afterSend.push(outcome.afterSend);
    if (outcome.cancel !== undefined) cancels.push(outcome.cancel);
    if (outcome.response !== null) {
      const text = serialize(outcome.response, ctx);
      bytes += Buffer.byteLength(text, 'utf8') + 1;
      if (bytes > maxResponseBytes) {
        for (const cancel of cancels) cancel();
        parts.length = 0;
        return single(errorResponse(null, tooBigBatchResponse(maxResponseBytes).toJSON()), ctx);
      }
      parts.push(text);
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return { response: parts.length === 0 ? null : `[${parts.join(',')}]`, afterSend };
}

export async function dispatchText(text: string, ctx: DispatchContext): Promise<DispatchOutcome> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return single(errorResponse(null, parseError().toJSON()), ctx);
  }
  if (Array.isArray(raw)) return dispatchBatch(raw, ctx);

  const outcome = await handleRequest(raw, ctx);
  return {
    response: outcome.response === null ? null : serialize(outcome.response, ctx),
    afterSend: outcome.afterSend === undefined ? [] : [outcome.afterSend],
  };
}
