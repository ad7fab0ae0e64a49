import { UNKNOWN_STAKE_PRIORITY } from '../scheduling/device-queue';

/** The parts of a metagraph the miner needs to decide whom it serves. */
export interface MetagraphView {
  readonly block: number;
  readonly hotkeys: readonly string[];
  readonly stake: readonly bigint[];
  readonly validatorPermit: readonly boolean[];
}

/** Why a hotkey is served. */
export type AccessGrant = 'validator-permit' | 'allowlist';

/**
 * Who may use the miner: hotkeys holding a validator permit in the last metagraph read, and
 * hotkeys on the operator's allowlist. Also each sender's queue priority: its stake on the
 * subnet, with allowlisted hotkeys outside the metagraph last.
 */
export class ValidatorAccess {
  private readonly allowlist: ReadonlySet<string>;
  private permitted = new Set<string>();
  private stakes = new Map<string, bigint>();
  private block = -1;

  constructor(allowlist: Iterable<string> = []) {
    this.allowlist = new Set(allowlist);
  }

  /** Takes a fresh metagraph; an older block than the one held is ignored. */
  update(metagraph: MetagraphView): void {
    if (metagraph.block < this.block) return;
    const permitted = new Set<string>();
    const stakes = new Map<string, bigint>();
    metagraph.hotkeys.forEach((hotkey, uid) => {
      stakes.set(hotkey, metagraph.stake[uid] ?? 0n);
      if (metagraph.validatorPermit[uid]) permitted.add(hotkey);
    });
    this.permitted = permitted;
    this.stakes = stakes;
    this.block = metagraph.block;
  }

  /** The block of the metagraph in use; -1 before the first. */
  get metagraphBlock(): number {
    return this.block;
  }

  grantOf(hotkey: string): AccessGrant | null {
    if (this.permitted.has(hotkey)) return 'validator-permit';
    if (this.allowlist.has(hotkey)) return 'allowlist';
    return null;
  }

  isAllowed(hotkey: string): boolean {
    return this.grantOf(hotkey) !== null;
  }

  /** Queue priority: stake in rao when the hotkey is in the metagraph, else last. */
  priorityOf(hotkey: string): bigint {
    return this.stakes.get(hotkey) ?? UNKNOWN_STAKE_PRIORITY;
  }

  /** Distinct hotkeys served right now. */
  get allowedCount(): number {
    return new Set([...this.permitted, ...this.allowlist]).size;
  }

  /** Whether `hotkey` has a uid in the last metagraph. */
  isRegistered(hotkey: string): boolean {
    return this.stakes.has(hotkey);
  }
}
