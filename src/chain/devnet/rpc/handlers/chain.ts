import type { BlockView, DevnetBackend, Hex, Unsubscribe } from '../backend';
import { formatBlock, formatHeader } from '../format-header';
import { callMethod, guardListener, subscriptionMethods, withAliases, type CallContext, type MethodEntries, type SubscriptionSink } from '../method';
import { blockNumberListOrValueSchema, hashSchema, optional } from '../params';

/** `chain_*`: block hashes, headers, blocks and the three header subscriptions. */
function blockAt(backend: DevnetBackend, hash: Hex | undefined): BlockView | null {
  return hash === undefined ? backend.bestBlock() : backend.blockByHash(hash);
}

const hashByNumber = (backend: DevnetBackend, number: number): Hex | null => backend.blockByNumber(number)?.hash ?? null;

/** Sends the current header right away, then one per block the listener reports (as Substrate does). */
function headerStream(
  current: (backend: DevnetBackend) => BlockView,
  listen: (backend: DevnetBackend, listener: (block: BlockView) => void) => Unsubscribe,
) {
  return (_args: readonly unknown[], sink: SubscriptionSink, { backend, logger }: CallContext): Unsubscribe => {
    sink.emit(formatHeader(current(backend)));
    return listen(
      backend,
      guardListener(logger, 'header subscription', (block: BlockView) => sink.emit(formatHeader(block))),
    );
  };
}

export const chainMethods: MethodEntries = [
  ...withAliases(
    ['chain_getBlockHash', 'chain_getHead'],
    callMethod([optional('blockNumber', blockNumberListOrValueSchema)], ([numbers], { backend }) => {
      if (numbers === undefined) return backend.bestBlock().hash;
      if (Array.isArray(numbers)) return numbers.map((number) => hashByNumber(backend, number));
      return hashByNumber(backend, numbers);
    }),
  ),
  [
    'chain_getHeader',
    callMethod([optional('hash', hashSchema)], ([hash], { backend }) => {
      const block = blockAt(backend, hash);
      return block === null ? null : formatHeader(block);
    }),
  ],
  [
    'chain_getBlock',
    callMethod([optional('hash', hashSchema)], ([hash], { backend }) => {
      const block = blockAt(backend, hash);
      return block === null ? null : formatBlock(block);
    }),
  ],
  ...withAliases(
    ['chain_getFinalizedHead', 'chain_getFinalisedHead'],
    callMethod([], (_args, { backend }) => backend.finalizedBlock().hash),
  ),
  ...subscriptionMethods({
    subscribe: ['chain_subscribeNewHeads', 'chain_subscribeNewHead', 'subscribe_newHead'],
    unsubscribe: ['chain_unsubscribeNewHeads', 'chain_unsubscribeNewHead', 'unsubscribe_newHead'],
    notification: 'chain_newHead',
    params: [],
    start: headerStream(
      (backend) => backend.bestBlock(),
      (backend, listener) => backend.onNewHead(listener),
    ),
  }),
  ...subscriptionMethods({
    subscribe: ['chain_subscribeAllHeads'],
    unsubscribe: ['chain_unsubscribeAllHeads'],
    notification: 'chain_allHead',
    params: [],
    start: headerStream(
      (backend) => backend.bestBlock(),
      (backend, listener) => backend.onNewHead(listener),
    ),
  }),
  ...subscriptionMethods({
    subscribe: ['chain_subscribeFinalizedHeads', 'chain_subscribeFinalisedHeads'],
    unsubscribe: ['chain_unsubscribeFinalizedHeads', 'chain_unsubscribeFinalisedHeads'],
    notification: 'chain_finalizedHead',
    params: [],
    start: headerStream(
      (backend) => backend.finalizedBlock(),
      (backend, listener) => backend.onFinalizedHead(listener),
    ),
  }),
];
