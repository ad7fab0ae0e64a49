import type { Logger } from 'pino';
import type { MethodTable } from './handlers';
import {
  errorResponse,
  internalError,
  invalidRequest,
  jsonRpcRequestSchema,
  methodNotFound,
  parseError,
  salvageId,
  successResponse,
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
 */
export interface DispatchContext {
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
        const opened = manager.open(def.notification, (sink) => def.start(args, sink, ctx.call));
        return { response: successResponse(id, opened.id), afterSend: opened.activate };
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

/** JSON text of one response; a result that cannot be serialized becomes -32603. */
function serialize(response: JsonRpcResponse, logger: Logger): string {
  try {
    return JSON.stringify(response);
  } catch (error) {
    logger.error({ err: error, id: response.id }, 'cannot serialize an RPC response');
    return JSON.stringify(errorResponse(response.id, internalError('the result could not be serialized').toJSON()));
  }
}

const single = (response: JsonRpcResponse, logger: Logger): DispatchOutcome => ({ response: serialize(response, logger), afterSend: [] });

export async function dispatchText(text: string, ctx: DispatchContext): Promise<DispatchOutcome> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return single(errorResponse(null, parseError().toJSON()), ctx.logger);
  }

  if (!Array.isArray(raw)) {
    const outcome = await handleRequest(raw, ctx);
    return {
      response: outcome.response === null ? null : serialize(outcome.response, ctx.logger),
      afterSend: outcome.afterSend === undefined ? [] : [outcome.afterSend],
    };
  }

  if (raw.length === 0) return single(errorResponse(null, invalidRequest('empty batch').toJSON()), ctx.logger);
  const outcomes = await Promise.all(raw.map((item: unknown) => handleRequest(item, ctx)));
  const parts: string[] = [];
  const afterSend: (() => void)[] = [];
  for (const outcome of outcomes) {
    if (outcome.response !== null) parts.push(serialize(outcome.response, ctx.logger));
    if (outcome.afterSend !== undefined) afterSend.push(outcome.afterSend);
  }
  return { response: parts.length === 0 ? null : `[${parts.join(',')}]`, afterSend };
}
