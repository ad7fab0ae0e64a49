import { createHash } from 'node:crypto';
import {
  blake2Hex,
  type AlphaBurnEvent,
  type BuybackCapabilities,
  type BurnEvent,
  type BuybackWindow,
  type ChainHead,
  type Inclusion,
  type LedgerCall,
  type LedgerChainPort,
  type RegistrationFee,
  type RemarkEvent,
  type SendResult,
  type SignedTx,
  type TxOutcome,
} from '../../../src/economy';

/**
 * An in-memory chain for the ledger's unit tests: blocks of extrinsics, one signer's nonces,
 * a pool, mortal eras, subtensor's once-per-tempo buyback limit, AddStakeBurn and Remarked
 * events. Every block is final at once. `autoBlock` builds a block on each send (like the
 * devnet's instant mode); otherwise blocks come from `produceBlock()`.
 */
interface FakeExtrinsic {
  readonly hash: string;
  readonly signer: string;
  readonly nonce: number;
  readonly call: LedgerCall | { kind: 'other' };
  readonly error: string | null;
  readonly burn: { netuid: number; hotkey: string; taoRao: bigint; alphaRao: bigint } | null;
  readonly remarkHash: string | null;
}

interface FakeBlock {
  readonly number: number;
  readonly hash: string;
  readonly extrinsics: FakeExtrinsic[];
}

export class FakeChain implements LedgerChainPort {
  readonly signer = '5FakeOwnerColdkey';
  readonly blocks: FakeBlock[] = [{ number: 0, hash: blockHash(0, 'genesis'), extrinsics: [] }];
  /** Signed bytes the pool holds, by hash. */
  readonly pool = new Map<string, { tx: SignedTx; call: LedgerCall }>();
  /** What each signed hash carries (what a node would decode from the bytes). */
  readonly signed = new Map<string, LedgerCall>();
  accountNonce = 0;
  tempo = 10;
  lastBurnBlock = 0;
  eraPeriod = 64;
  autoBlock = true;
  /** Reject the next send with this, as the node would. */
  rejectNextSend: { reason: string; definitive: boolean } | null = null;
  /** Alpha per TAO when buying (a fixed price of 1/0.9 TAO per alpha). */
  alphaPerTao = 0.9;
  initialSupplyRao = 1_000_000_000_000n;
  sends = 0;
  registrations: RegistrationFee[] = [];

  get head(): number {
    return this.blocks.length - 1;
  }

  async finalizedHead(): Promise<ChainHead> {
    const b = this.blocks[this.head]!;
    return { number: b.number, hash: b.hash };
  }

  async sign(call: LedgerCall): Promise<SignedTx> {
    const inPool = [...this.pool.values()].map((p) => p.tx.nonce + 1);
    const nonce = Math.max(this.accountNonce, ...inPool);
    const hex = `0x${Buffer.from(JSON.stringify({ call, nonce, birth: this.head }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).toString('hex')}`;
    const hash = `0x${createHash('sha256').update(hex).digest('hex')}`;
    this.signed.set(hash, call);
    return { hash, hex, nonce, signer: this.signer, signedAtBlock: this.head, expiresAtBlock: this.head + this.eraPeriod };
  }

  async send(tx: SignedTx): Promise<SendResult> {
    this.sends++;
    if (this.rejectNextSend) {
      const r = this.rejectNextSend;
      this.rejectNextSend = null;
      return { accepted: false, ...r };
    }
    if (this.pool.has(tx.hash)) return { accepted: true }; // already imported
    if (tx.nonce < this.accountNonce) return { accepted: false, reason: '1010: Invalid Transaction: Transaction is outdated', definitive: false };
    if (tx.expiresAtBlock !== null && this.head + 1 >= tx.expiresAtBlock) return { accepted: false, reason: '1010: Invalid Transaction: Transaction has a bad signature', definitive: true };
    const call = this.signed.get(tx.hash);
    if (!call) throw new Error(`fake chain: unknown bytes ${tx.hash}`);
    this.pool.set(tx.hash, { tx, call });
    if (this.autoBlock) this.produceBlock();
    return { accepted: true };
  }

  /** Another transaction of the signer (e.g. from another tool) takes the next nonce. */
  useNonceElsewhere(): void {
    const hash = `0x${createHash('sha256').update(`other-${this.accountNonce}-${this.head}`).digest('hex')}`;
    for (const [h, p] of this.pool) if (p.tx.nonce === this.accountNonce) this.pool.delete(h);
    this.blocks.push({ number: this.head + 1, hash: blockHash(this.head + 1, hash), extrinsics: [{ hash, signer: this.signer, nonce: this.accountNonce, call: { kind: 'other' }, error: null, burn: null, remarkHash: null }] });
    this.accountNonce++;
  }

  /** A node restart that loses its pool. */
  dropPool(): void {
    this.pool.clear();
  }

  /** Builds one block from the pool (nonce order) and finalizes it. */
  produceBlock(): FakeBlock {
    const number = this.head + 1;
    const extrinsics: FakeExtrinsic[] = [];
    for (;;) {
      const next = [...this.pool.values()].find((p) => p.tx.nonce === this.accountNonce);
      if (!next) break;
      this.pool.delete(next.tx.hash);
      if (next.tx.expiresAtBlock !== null && number >= next.tx.expiresAtBlock) continue;
      extrinsics.push(this.apply(next.tx, next.call, number));
      this.accountNonce++;
    }
    const block = { number, hash: blockHash(number, extrinsics.map((e) => e.hash).join()), extrinsics };
    this.blocks.push(block);
    return block;
  }

  produceBlocks(count: number): void {
    for (let i = 0; i < count; i++) this.produceBlock();
  }

  private apply(tx: SignedTx, call: LedgerCall, number: number): FakeExtrinsic {
    const base = { hash: tx.hash, signer: tx.signer, nonce: tx.nonce, call };
    if (call.kind === 'remark') return { ...base, error: null, burn: null, remarkHash: blake2Hex(call.text) };
    if (this.lastBurnBlock !== 0 && number - this.lastBurnBlock < this.tempo) return { ...base, error: 'subtensorModule.AddStakeBurnRateLimitExceeded', burn: null, remarkHash: null };
    const alphaRao = (call.amountRao * BigInt(Math.round(this.alphaPerTao * 1000))) / 1000n;
    this.lastBurnBlock = number;
    return { ...base, error: null, burn: { netuid: call.netuid, hotkey: call.hotkey, taoRao: call.amountRao, alphaRao }, remarkHash: null };
  }

  private find(hash: string, from: number): Inclusion | null {
    for (const b of this.blocks.slice(Math.max(0, from))) {
      const index = b.extrinsics.findIndex((e) => e.hash === hash);
      if (index >= 0) return { blockHash: b.hash, blockNumber: b.number, extrinsicIndex: index };
    }
    return null;
  }

  async lookup(tx: SignedTx): Promise<TxOutcome> {
    const at = this.find(tx.hash, tx.signedAtBlock);
    if (at) {
      const ex = this.blocks[at.blockNumber]!.extrinsics[at.extrinsicIndex]!;
      if (ex.error) return { status: 'included', ok: false, inclusion: at, error: ex.error };
      return {
        status: 'included',
        ok: true,
        inclusion: at,
        burn: ex.burn ? { ...at, ...ex.burn, txHash: ex.hash, signer: ex.signer } : null,
        remark: ex.remarkHash ? { ...at, sender: ex.signer, hash: ex.remarkHash, txHash: ex.hash } : null,
      };
    }
    if (this.accountNonce > tx.nonce) return { status: 'dropped', reason: `nonce ${tx.nonce} was used by another extrinsic` };
    if (tx.expiresAtBlock !== null && this.head >= tx.expiresAtBlock) return { status: 'dropped', reason: 'mortal era ended' };
    return { status: 'pending' };
  }

  async waitForOutcome(tx: SignedTx): Promise<TxOutcome> {
    return this.lookup(tx);
  }

  async buybackWindow(): Promise<BuybackWindow> {
    return { head: this.head, lastBurnBlock: this.lastBurnBlock, tempo: this.tempo, nextAllowedBlock: this.lastBurnBlock === 0 ? this.head + 1 : this.lastBurnBlock + this.tempo };
  }

  /** Blocks until the next buyback may go in. */
  openWindow(): void {
    while (this.lastBurnBlock !== 0 && this.head + 1 < this.lastBurnBlock + this.tempo) this.produceBlock();
  }

  private eventAt(at: Inclusion): FakeExtrinsic | null {
    const b = this.blocks[at.blockNumber];
    if (!b || b.hash !== at.blockHash) return null;
    return b.extrinsics[at.extrinsicIndex] ?? null;
  }

  async burnAt(at: Inclusion): Promise<BurnEvent | null> {
    const ex = this.eventAt(at);
    return ex?.burn && !ex.error ? { ...at, ...ex.burn, txHash: ex.hash, signer: ex.signer } : null;
  }

  /** The fake runs add_stake_burn only (the two-leg path is tested against the dev chain). */
  async capabilities(): Promise<BuybackCapabilities> {
    return { addStakeBurn: true, addStake: false, burnAlpha: false, specVersion: 0 };
  }

  async alphaBurnAt(): Promise<AlphaBurnEvent | null> {
    return null;
  }

  async remarkAt(at: Inclusion): Promise<RemarkEvent | null> {
    const ex = this.eventAt(at);
    return ex?.remarkHash ? { ...at, sender: ex.signer, hash: ex.remarkHash, txHash: ex.hash } : null;
  }

  async listBurnEvents(netuid: number, fromBlock: number, toBlock: number): Promise<BurnEvent[]> {
    return this.allBurns().filter((b) => b.netuid === netuid && b.blockNumber >= fromBlock && b.blockNumber <= toBlock);
  }

  allBurns(): BurnEvent[] {
    const out: BurnEvent[] = [];
    for (const b of this.blocks) {
      b.extrinsics.forEach((ex, i) => {
        if (ex.burn && !ex.error) out.push({ blockHash: b.hash, blockNumber: b.number, extrinsicIndex: i, ...ex.burn, txHash: ex.hash, signer: ex.signer });
      });
    }
    return out;
  }

  /** Includes a burn the ledger does not know of (someone used the owner coldkey by hand). */
  burnBehindTheLedgersBack(netuid: number, hotkey: string, taoRao: bigint): void {
    const hash = `0x${createHash('sha256').update(`manual-${this.head}`).digest('hex')}`;
    const number = this.head + 1;
    this.blocks.push({
      number,
      hash: blockHash(number, hash),
      extrinsics: [{ hash, signer: this.signer, nonce: this.accountNonce, call: { kind: 'other' }, error: null, burn: { netuid, hotkey, taoRao, alphaRao: taoRao / 2n }, remarkHash: null }],
    });
    this.accountNonce++;
  }

  async registrationFees(netuid: number, fromBlock: number, toBlock: number): Promise<RegistrationFee[]> {
    return this.registrations.filter((r) => r.netuid === netuid && r.blockNumber >= fromBlock && r.blockNumber <= toBlock);
  }

  /** The initial supply less the alpha burned up to block `n`. */
  async alphaSupply(_netuid: number, n: number): Promise<bigint> {
    return this.initialSupplyRao - this.allBurns().filter((b) => b.blockNumber <= n).reduce((a, b) => a + b.alphaRao, 0n);
  }
}

function blockHash(n: number, salt: string): string {
  return `0x${createHash('sha256').update(`${n}:${salt}`).digest('hex')}`;
}
