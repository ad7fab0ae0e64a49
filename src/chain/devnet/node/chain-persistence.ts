/** Where the node keeps its blocks: the durable store in a data directory, or nothing (in-memory chain). */
export interface ChainPersistence {
  /** What was recovered at open: the latest snapshot and the records appended after it. */
  readonly recovered: { readonly snapshot: Uint8Array | null; readonly records: readonly Uint8Array[] };
  /** Durable when it returns. */
  append(record: Uint8Array): void;
  /** Atomically replaces the snapshot; records before it are no longer needed. */
  writeSnapshot(bytes: Uint8Array): void;
  close(): void;
}

export const inMemoryPersistence = (): ChainPersistence => ({
  recovered: { snapshot: null, records: [] },
  append: () => undefined,
  writeSnapshot: () => undefined,
  close: () => undefined,
});
