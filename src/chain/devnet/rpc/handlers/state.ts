import { blake2AsHex } from '@polkadot/util-crypto';
import { z } from 'zod';
import type { BlockView, DevnetBackend, Hex } from '../backend';
import { formatRuntimeVersion } from '../format-header';
import { ErrorCode, invalidParams } from '../json-rpc-schema';
import { callMethod, guardListener, subscriptionMethods, withAliases, type MethodEntries } from '../method';
import { bytesSchema, hashSchema, optional, required, textSchema, u32Schema } from '../params';
import { RpcError } from '../rpc-error';

/** `state_*`: runtime version, metadata, runtime calls, storage queries and subscriptions. */

/** Substrate's `STORAGE_KEYS_PAGED_MAX_COUNT`. */
export const MAX_KEYS_PAGED_COUNT = 1000;
/** `state_getKeys` is unpaged in Substrate; here it answers at most this many keys. */
export const MAX_GET_KEYS = 10_000;
/** Keys one `state_subscribeStorage` may watch (each is read on every new block). */
export const MAX_SUBSCRIBED_KEYS = 10_000;

type Change = [Hex, Hex | null];

const keysSchema = z.array(bytesSchema, { error: 'expected a list of 0x-prefixed hex storage keys' });

function storageChanges(backend: DevnetBackend, keys: readonly Hex[], at: Hex): Change[] {
  return keys.map((key) => [key, backend.storage(key, at)]);
}

function allKeys(backend: DevnetBackend, prefix: Hex, at: Hex | undefined): Hex[] {
  const keys: Hex[] = [];
  for (;;) {
    const page = backend.storageKeysPaged(prefix, MAX_KEYS_PAGED_COUNT, keys[keys.length - 1], at);
    keys.push(...page);
    if (keys.length > MAX_GET_KEYS) {
      throw new RpcError(
        ErrorCode.oversizedResponse,
        'Response is too big',
        `more than ${MAX_GET_KEYS} keys under ${prefix}; use state_getKeysPaged`,
      );
    }
    if (page.length < MAX_KEYS_PAGED_COUNT) return keys;
  }
}

const unique = (keys: readonly Hex[]): Hex[] => [...new Set(keys)];

export const stateMethods: MethodEntries = [
  ...withAliases(
    ['state_getRuntimeVersion', 'chain_getRuntimeVersion'],
    callMethod([optional('at', hashSchema)], ([at], { backend }) => formatRuntimeVersion(backend.runtimeVersion(at))),
  ),
  ...subscriptionMethods({
    subscribe: ['state_subscribeRuntimeVersion', 'chain_subscribeRuntimeVersion'],
    unsubscribe: ['state_unsubscribeRuntimeVersion', 'chain_unsubscribeRuntimeVersion'],
    notification: 'state_runtimeVersion',
    params: [],
    start: (_args, sink, { backend, logger }) => {
      const initial = formatRuntimeVersion(backend.runtimeVersion(backend.bestBlock().hash));
      let last = JSON.stringify(initial);
      sink.emit(initial);
      return backend.onNewHead(
        guardListener(logger, 'runtime version subscription', (block: BlockView) => {
          const version = formatRuntimeVersion(backend.runtimeVersion(block.hash));
          const text = JSON.stringify(version);
          if (text === last) return;
          last = text;
          sink.emit(version);
        }),
      );
    },
  }),
  [
    'state_getMetadata',
    callMethod([optional('at', hashSchema)], ([at], { backend }) => backend.metadata(at)),
  ],
  ...withAliases(
    ['state_call', 'state_callAt'],
    callMethod(
      [required('method', textSchema), required('data', bytesSchema), optional('at', hashSchema)],
      ([method, data, at], { backend }) => backend.call(method, data, at),
    ),
  ),
  ...withAliases(
    ['state_getStorage', 'state_getStorageAt'],
    callMethod([required('key', bytesSchema), optional('at', hashSchema)], ([key, at], { backend }) => backend.storage(key, at)),
  ),
  ...withAliases(
    ['state_getStorageHash', 'state_getStorageHashAt'],
    callMethod([required('key', bytesSchema), optional('at', hashSchema)], ([key, at], { backend }) => {
      const value = backend.storage(key, at);
      return value === null ? null : blake2AsHex(value, 256);
    }),
  ),
  ...withAliases(
    ['state_getStorageSize', 'state_getStorageSizeAt'],
    callMethod([required('key', bytesSchema), optional('at', hashSchema)], ([key, at], { backend }) => {
      const value = backend.storage(key, at);
      return value === null ? null : (value.length - 2) / 2;
    }),
  ),
  [
    'state_queryStorageAt',
    callMethod([required('keys', keysSchema), optional('at', hashSchema)], ([keys, at], { backend }) => {
      const block = at ?? backend.bestBlock().hash;
      return [{ block, changes: storageChanges(backend, keys, block) }];
    }),
  ],
  ...withAliases(
    ['state_getKeysPaged', 'state_getKeysPagedAt'],
    callMethod(
      [required('prefix', bytesSchema), required('count', u32Schema), optional('startKey', bytesSchema), optional('at', hashSchema)],
      ([prefix, count, startKey, at], { backend }) => {
        if (count > MAX_KEYS_PAGED_COUNT) {
          throw new RpcError(4002, `count exceeds maximum value. value: ${count}, max: ${MAX_KEYS_PAGED_COUNT}`);
        }
        return backend.storageKeysPaged(prefix, count, startKey, at);
      },
    ),
  ),
  [
    'state_getKeys',
    callMethod([required('prefix', bytesSchema), optional('at', hashSchema)], ([prefix, at], { backend }) => allKeys(backend, prefix, at)),
  ],
  ...subscriptionMethods({
    subscribe: ['state_subscribeStorage'],
    unsubscribe: ['state_unsubscribeStorage'],
    notification: 'state_storage',
    params: [optional('keys', keysSchema)],
    watchedKeys: ([requested]) => (requested === undefined ? 0 : new Set(requested).size),
    start: ([requested], sink, { backend, logger }) => {
      if (requested === undefined) {
        throw invalidParams('the dev chain does not stream every storage change; pass the list of keys to watch');
      }
      const keys = unique(requested);
      if (keys.length > MAX_SUBSCRIBED_KEYS) throw invalidParams(`at most ${MAX_SUBSCRIBED_KEYS} keys per subscription, got ${keys.length}`);

      const best = backend.bestBlock().hash;
      const initial = storageChanges(backend, keys, best);
      const last = new Map<Hex, Hex | null>(initial);
      sink.emit({ block: best, changes: initial });
      if (keys.length === 0) return () => undefined;

      return backend.onNewHead(
        guardListener(logger, 'storage subscription', (block: BlockView) => {
          const changed = storageChanges(backend, keys, block.hash).filter(([key, value]) => last.get(key) !== value);
          if (changed.length === 0) return;
          for (const [key, value] of changed) last.set(key, value);
          sink.emit({ block: block.hash, changes: changed });
        }),
      );
    },
  }),
];
