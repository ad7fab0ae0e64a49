import type { BlockView, Hex } from '../rpc/backend';

/**
 * The recent blocks of the best chain, by number and by hash. Older blocks are forgotten
 * (as a pruned node forgets them); `blocks.shift()` is amortised by the bounded size.
 */
export class BlockHistory {
  private readonly blocks: BlockView[] = [];
  private readonly byHash = new Map<Hex, BlockView>();

  constructor(private readonly keep: number) {}

  get best(): BlockView {
    const b = this.blocks[this.blocks.length - 1];
    if (!b) throw new Error('the chain has no blocks yet');
    return b;
  }

  push(view: BlockView): void {
    this.blocks.push(view);
    this.byHash.set(view.hash, view);
    while (this.blocks.length > this.keep) this.byHash.delete(this.blocks.shift()!.hash);
  }

  byNumber(number: number): BlockView | null {
    const first = this.blocks[0]?.number ?? 0;
    return this.blocks[number - first] ?? null;
  }

  find(hash: Hex): BlockView | null {
    return this.byHash.get(hash.toLowerCase() as Hex) ?? null;
  }

  /** The last `count` blocks, oldest first. */
  last(count: number): BlockView[] {
    return this.blocks.slice(-Math.min(this.blocks.length, count));
  }
}
