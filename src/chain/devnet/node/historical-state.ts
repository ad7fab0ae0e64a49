import type { CommittedState } from '../state/committed-state';
import type { HexKey } from '../state/hex-key';
import type { StateReader } from '../state/state-overlay';

/** The committed state as it was at one block. */
export class HistoricalState implements StateReader {
  constructor(
    private readonly state: CommittedState,
    private readonly number: number,
  ) {}

  get(key: HexKey): Uint8Array | undefined {
    return this.state.getAt(key, this.number);
  }

  keysWithPrefix(prefix: HexKey): HexKey[] {
    return this.state.keysAt(prefix, this.number);
  }
}
