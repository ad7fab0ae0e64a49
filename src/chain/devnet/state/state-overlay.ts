import type { HexKey } from './hex-key';

/** Read access to a key-value state. */
export interface StateReader {
  get(key: HexKey): Uint8Array | undefined;
  /** Keys starting with `prefix`, sorted. */
  keysWithPrefix(prefix: HexKey): HexKey[];
}

export interface StateWriter extends StateReader {
  set(key: HexKey, value: Uint8Array): void;
  delete(key: HexKey): void;
}

/**
 * Changes layered over a base state: the block being built sits on the last committed
 * state, and each extrinsic runs in a nested layer that is merged on success and dropped
 * when it fails, as Substrate's storage transactions do.
 */
export class StateOverlay implements StateWriter {
  private readonly layers: Map<HexKey, Uint8Array | null>[] = [new Map()];

  constructor(private readonly base: StateReader) {}

  get(key: HexKey): Uint8Array | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = this.layers[i]!.get(key);
      if (v !== undefined) return v ?? undefined;
    }
    return this.base.get(key);
  }

  set(key: HexKey, value: Uint8Array): void {
    this.top().set(key, value);
  }

  delete(key: HexKey): void {
    this.top().set(key, null);
  }

  keysWithPrefix(prefix: HexKey): HexKey[] {
    const keys = new Set(this.base.keysWithPrefix(prefix));
    for (const layer of this.layers) {
      for (const [k, v] of layer) {
        if (!k.startsWith(prefix)) continue;
        if (v === null) keys.delete(k);
        else keys.add(k);
      }
    }
    return [...keys].sort();
  }

  /** Runs `fn` in a nested layer: kept when it returns, dropped when it throws. */
  transaction<T>(fn: () => T): T {
    this.layers.push(new Map());
    let layer: Map<HexKey, Uint8Array | null> | undefined;
    try {
      const result = fn();
      layer = this.layers.pop()!;
      const below = this.top();
      for (const [k, v] of layer) below.set(k, v);
      return result;
    } catch (e) {
      if (!layer) this.layers.pop();
      throw e;
    }
  }

  /** Every change relative to the base, flattened; null marks a deletion. */
  changes(): Map<HexKey, Uint8Array | null> {
    if (this.layers.length !== 1) throw new Error('changes() inside an open transaction');
    return new Map(this.layers[0]);
  }

  private top(): Map<HexKey, Uint8Array | null> {
    return this.layers[this.layers.length - 1]!;
  }
}
