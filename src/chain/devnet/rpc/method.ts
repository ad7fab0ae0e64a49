import type { Logger } from 'pino';
import type { DevnetBackend, Unsubscribe } from './backend';
import { required, subscriptionIdSchema, type ParamSpec, type ParamValues } from './params';

/**
 * How a method is described to the dispatcher: a plain call, a subscription that
 * pushes notifications, or the unsubscribe that ends one.
 */
export interface CallContext {
  readonly backend: DevnetBackend;
  readonly logger: Logger;
}

/** Where a subscription pushes its results; `end` closes it after the results already emitted. */
export interface SubscriptionSink {
  emit(result: unknown): void;
  end(): void;
}

export interface CallMethod {
  readonly kind: 'call';
  readonly params: readonly ParamSpec<unknown>[];
  run(args: readonly unknown[], ctx: CallContext): unknown;
}

export interface SubscribeMethod {
  readonly kind: 'subscribe';
  /** The notification method, e.g. `chain_newHead`. */
  readonly notification: string;
  readonly params: readonly ParamSpec<unknown>[];
  /** Starts producing results into `sink` (the first ones may be emitted synchronously). */
  start(args: readonly unknown[], sink: SubscriptionSink, ctx: CallContext): Unsubscribe;
  /** Storage keys it reads on every block (counted against the connection's budget); default 0. */
  watchedKeys?(args: readonly unknown[]): number;
}

export interface UnsubscribeMethod {
  readonly kind: 'unsubscribe';
  /** Only subscriptions of this notification method can be ended by it (jsonrpsee does the same). */
  readonly notification: string;
  readonly params: readonly ParamSpec<unknown>[];
}

export type MethodDef = CallMethod | SubscribeMethod | UnsubscribeMethod;

/** `[name, definition]` pairs; aliases are further pairs with the same definition. */
export type MethodEntries = readonly (readonly [string, MethodDef])[];

export function callMethod<const P extends readonly ParamSpec<any>[]>(
  params: P,
  run: (args: ParamValues<P>, ctx: CallContext) => unknown,
): CallMethod {
  return { kind: 'call', params, run: (args, ctx) => run(args as ParamValues<P>, ctx) };
}

/** Registers one definition under a name and its aliases. */
export function withAliases(names: readonly string[], def: MethodDef): MethodEntries {
  return names.map((name) => [name, def] as const);
}

export interface SubscriptionSpec<P extends readonly ParamSpec<any>[]> {
  /** First the canonical name, then aliases. */
  readonly subscribe: readonly string[];
  readonly unsubscribe: readonly string[];
  readonly notification: string;
  readonly params: P;
  readonly start: (args: ParamValues<P>, sink: SubscriptionSink, ctx: CallContext) => Unsubscribe;
  readonly watchedKeys?: (args: ParamValues<P>) => number;
}

export const subscriptionIdParam = required('subscription', subscriptionIdSchema);

export function subscriptionMethods<const P extends readonly ParamSpec<any>[]>(spec: SubscriptionSpec<P>): MethodEntries {
  const subscribe: SubscribeMethod = {
    kind: 'subscribe',
    notification: spec.notification,
    params: spec.params,
    start: (args, sink, ctx) => spec.start(args as ParamValues<P>, sink, ctx),
    watchedKeys: spec.watchedKeys === undefined ? undefined : (args) => spec.watchedKeys!(args as ParamValues<P>),
  };
  const unsubscribe: UnsubscribeMethod = { kind: 'unsubscribe', notification: spec.notification, params: [subscriptionIdParam] };
  return [...withAliases(spec.subscribe, subscribe), ...withAliases(spec.unsubscribe, unsubscribe)];
}

/** Wraps a listener the backend calls, so that a failure in it is logged, never thrown into the chain. */
export function guardListener<A extends unknown[]>(logger: Logger, what: string, listener: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      listener(...args);
    } catch (error) {
      logger.error({ err: error }, `${what} listener failed`);
    }
  };
}
