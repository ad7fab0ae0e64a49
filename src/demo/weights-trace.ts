import { epochIndex, type ChainClient } from '../chain';

/** A `TimelockedWeightsCommitted` of the validator's hotkey, as the chain recorded it. */
export interface TimelockedCommitSeen {
  readonly block: number;
  readonly revealRound: number;
}

/** A `TimelockedWeightsRevealed` of the validator's hotkey and the commit it revealed (null when that commit was made before the trace started). */
export interface TimelockRevealSeen {
  readonly revealBlock: number;
  readonly commit: TimelockedCommitSeen | null;
}

interface EventJson {
  readonly section: string;
  readonly method: string;
  readonly data: readonly unknown[];
}

/** At most this many blocks are read per `catchUp`, so one slow call cannot run away. */
const MAX_BLOCKS_PER_CATCH_UP = 200;

/**
 * Follows one validator's weights through the chain's own events, block by block: its
 * timelocked commits, the chain's reveals of them, and any `WeightsSet` the chain applied
 * without a reveal in that block (weights set directly). The demo reads from it which commit
 * the incentive in a table came from.
 */
export class WeightsTrace {
  private next: number;
  private readonly commits: TimelockedCommitSeen[] = [];
  private readonly reveals: TimelockRevealSeen[] = [];
  private readonly direct: number[] = [];

  constructor(
    private readonly client: ChainClient,
    private readonly netuid: number,
    private readonly hotkey: string,
    private readonly uid: number,
    fromBlock: number,
  ) {
    this.next = fromBlock;
  }

  /** The last block whose events were read (-1 before the first). */
  get lastRead(): number {
    return this.next - 1;
  }

  /** Blocks in which the validator's weights were applied without a timelocked reveal. */
  get directSets(): readonly number[] {
    return this.direct;
  }

  /** Reads the events of the blocks up to `head` not read yet; `tempo` and `revealPeriodEpochs` pair each reveal with its commit's epoch. */
  async catchUp(head: number, tempo: number, revealPeriodEpochs: number): Promise<void> {
    const last = Math.min(head, this.next + MAX_BLOCKS_PER_CATCH_UP - 1);
    for (; this.next <= last; this.next++) this.record(this.next, await this.eventsAt(this.next), tempo, revealPeriodEpochs);
  }

  /** The newest reveal at or before `block`: whose weights an epoch run at `block` used (null also while `block`'s events are not read yet). */
  revealAtOrBefore(block: number): TimelockRevealSeen | null {
    if (block > this.lastRead) return null;
    for (let i = this.reveals.length - 1; i >= 0; i--) if (this.reveals[i]!.revealBlock <= block) return this.reveals[i]!;
    return null;
  }

  private async eventsAt(block: number): Promise<EventJson[]> {
    const at = await this.client.api.at(await this.client.api.rpc.chain.getBlockHash(block));
    const records = (await at.query.system!.events!()) as unknown as { event: { section: string; method: string; data: { toJSON(): unknown }[] } }[];
    return records.map(({ event }) => ({ section: event.section, method: event.method, data: event.data.map((d) => d.toJSON()) }));
  }

  private record(block: number, events: readonly EventJson[], tempo: number, revealPeriodEpochs: number): void {
    const ours = events.filter((e) => e.section === 'subtensorModule');
    let revealed = false;
    for (const e of ours) {
      if (e.method === 'TimelockedWeightsCommitted' && e.data[0] === this.hotkey && Number(e.data[1]) === this.netuid) {
        this.commits.push({ block, revealRound: Number(e.data[3]) });
      } else if (e.method === 'TimelockedWeightsRevealed' && Number(e.data[0]) === this.netuid && e.data[1] === this.hotkey) {
        revealed = true;
        // The chain reveals in epoch e the commits of epoch e − RevealPeriodEpochs; of several, the last one's weights stay.
        const commitEpoch = epochIndex(this.netuid, tempo, block) - revealPeriodEpochs;
        const commit = this.commits.filter((c) => epochIndex(this.netuid, tempo, c.block) === commitEpoch).at(-1) ?? null;
        this.reveals.push({ revealBlock: block, commit });
      }
    }
    const set = ours.some((e) => e.method === 'WeightsSet' && Number(e.data[0]) === this.netuid && Number(e.data[1]) === this.uid);
    if (set && !revealed) this.direct.push(block);
  }
}
