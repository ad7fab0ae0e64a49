/**
 * The durable block store of the embedded dev chain (`pog devnet --data-dir DIR`): opaque
 * records appended one per imported block, plus occasional whole-state snapshots, surviving
 * `kill -9` at any moment. Format and crash-ordering notes: layout.ts, chain-store.ts.
 */
export {
  ChainStoreError,
  DataDirLockedError,
  StoreCorruptError,
  UnsupportedStoreFormatError,
  RecordTooLargeError,
  StoreIoError,
  StoreClosedError,
  StoreFailedError,
} from './errors';
export { DEFAULT_MAX_RECORD_BYTES, type ChainStoreOptions, ChainStore, openChainStore } from './chain-store';
export { type RecoveryReport, type RecoveredState } from './recovery';
export { removeChainData } from './remove-data';
export { FORMAT_VERSION, LOCK_FILE } from './layout';
