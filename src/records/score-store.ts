import { join } from 'node:path';
import { readDurableJson, writeDurableJson } from './durable-file';
import { StateCorruptError, StateMismatchError } from './errors';
import { emptyState, validatorStateSchema, type ValidatorState } from './score-state';

export const STATE_FILE = 'state.json';

/**
 * The validator's durable memory: one small JSON file in the state directory, replaced
 * atomically (temp file, fsync, rename, fsync of the directory) on every commit. A restart, or
 * `kill -9` at any moment, finds the last committed state: nothing committed is lost, nothing
 * half-written is read.
 */
export class ScoreStore {
  private constructor(
    readonly path: string,
    private current: ValidatorState,
  ) {}

  /** Opens (or creates) the store for this subnet and validator hotkey. */
  static open(stateDir: string, netuid: number, hotkey: string): ScoreStore {
    const path = join(stateDir, STATE_FILE);
    const raw = readDurableJson(path);
    if (raw === undefined) return new ScoreStore(path, emptyState(netuid, hotkey));
    const parsed = validatorStateSchema.safeParse(raw);
    if (!parsed.success) throw new StateCorruptError(`${path} does not hold a valid validator state: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { path });
    if (parsed.data.netuid !== netuid || parsed.data.hotkey !== hotkey) {
      throw new StateMismatchError(`${path} belongs to subnet ${parsed.data.netuid} and hotkey ${parsed.data.hotkey}, not subnet ${netuid} and ${hotkey}; use another --state-dir`, { path });
    }
    return new ScoreStore(path, parsed.data);
  }

  /** Reads a state file without opening it for writing (for `pog validator report`). */
  static read(stateDir: string): ValidatorState | undefined {
    const raw = readDurableJson(join(stateDir, STATE_FILE));
    if (raw === undefined) return undefined;
    const parsed = validatorStateSchema.safeParse(raw);
    if (!parsed.success) throw new StateCorruptError(`${join(stateDir, STATE_FILE)} does not hold a valid validator state`, {});
    return parsed.data;
  }

  get state(): ValidatorState {
    return this.current;
  }

  /** Replaces the state and makes it durable before returning. */
  commit(next: ValidatorState): void {
    writeDurableJson(this.path, next);
    this.current = next;
  }
}
