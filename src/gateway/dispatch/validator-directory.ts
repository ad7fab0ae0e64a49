import type { Metagraph } from '../../chain';
import { emptyState, ScoreStore, type ValidatorState } from '../../records';
import { defaultAxonUrl, minerTargets, type AxonUrlResolver } from '../../validator';
import type { DirectoryMiner, MinerDirectory } from './miner-directory';

export interface ValidatorDirectoryOptions {
  /** The validator's state directory (its `state.json`, read-only: the gateway never writes it). */
  readonly stateDir: string;
  readonly netuid: number;
  /** The validator's own hotkey: left out of the miners, and the state must be its. */
  readonly hotkey: string;
  /** The subnet's metagraph now (in `pog gateway`: `loadMetagraph(client, netuid)`). */
  readonly metagraph: () => Promise<Metagraph>;
  readonly resolve?: AxonUrlResolver;
  /** Jobs at once per miner (default: the dispatcher's maxPerMiner). */
  readonly capacity?: number;
  /** How long one reading serves (default 12 s, one block): the dispatcher asks on every pick. */
  readonly refreshMs?: number;
  readonly now?: () => number;
}

/**
 * The miners as the validator sees them: PoG results from the validator's score state (the
 * same file `pog validator` commits after each round) and serving axons from the metagraph.
 * Read again at most every `refreshMs`; a failed read keeps the last good one (a chain hiccup
 * does not stop routing) until the next refresh succeeds. A state of another subnet or hotkey
 * counts as no PoG results: nobody is eligible.
 */
export function validatorDirectory(options: ValidatorDirectoryOptions): MinerDirectory {
  const now = options.now ?? Date.now;
  let cached: { at: number; value: { state: ValidatorState; miners: DirectoryMiner[] } } | null = null;
  let loading: Promise<{ state: ValidatorState; miners: DirectoryMiner[] }> | null = null;
  const load = async () => {
    const read = ScoreStore.read(options.stateDir);
    const state = read && read.netuid === options.netuid && read.hotkey === options.hotkey ? read : emptyState(options.netuid, options.hotkey);
    const { targets } = minerTargets(await options.metagraph(), options.hotkey, options.resolve ?? defaultAxonUrl);
    const extra = options.capacity === undefined ? {} : { capacity: options.capacity };
    const miners: DirectoryMiner[] = targets.map((t) => ({ uid: t.uid, hotkey: t.hotkey, url: t.url, serving: true, ...extra }));
    return { state, miners };
  };
  return {
    async snapshot() {
      if (cached && now() - cached.at < (options.refreshMs ?? 12_000)) return cached.value;
      loading ??= load()
        .then((value) => {
          cached = { at: now(), value };
          return value;
        })
        .catch((error: unknown) => {
          if (cached) return cached.value;
          throw error;
        })
        .finally(() => {
          loading = null;
        });
      return loading;
    },
  };
}
