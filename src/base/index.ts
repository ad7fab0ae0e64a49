/**
 * The bottom floor: pieces every module may use and that import nothing from `src/`
 * (the error base, canonical JSON, durable files, directory locks).
 */
export { BaseError, type BaseErrorOptions } from './base-error';
export { canonicalJson, type CanonicalJsonOptions } from './canonical-json';
export { fsyncDir, writeFileDurably, type DurableWriteOptions } from './durable-file';
export { acquireDirLock, isProcessAlive, type DirLock, type DirLockOptions } from './dir-lock';
export { MetricsRegistry, Counter, Gauge, Histogram, PROMETHEUS_CONTENT_TYPE, escapeLabelValue, type MetricsRegistryOptions } from './metrics';
