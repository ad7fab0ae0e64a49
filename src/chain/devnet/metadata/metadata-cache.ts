import type { DevnetMetadata } from './build-metadata';

/**
 * A cache that lives as long as one metadata: facts derived from it (storage entry layouts,
 * event field types, encoded keys) are computed once per chain, not once per storage view or
 * per block.
 */
export function metadataCache<T>(): (md: DevnetMetadata) => Map<string, T> {
  const caches = new WeakMap<DevnetMetadata, Map<string, T>>();
  return (md) => {
    let cache = caches.get(md);
    if (!cache) caches.set(md, (cache = new Map()));
    return cache;
  };
}
