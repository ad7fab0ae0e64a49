import type { ApiDecoration } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { buildCall, hasCall } from './calls';
import type { ChainClient } from './client';
import { ChainDispatchError } from './errors';
import { extrinsicResult } from './inclusion';
import { isConnectionError, rpcRejectionOf } from './rpc-error';
import type {
  AlphaBurnEvent,
  BuybackCapabilities,
  BurnEvent,
  BuybackWindow,
  ChainHead,
  Inclusion,
  LedgerCall,
  LedgerChainPort,
  RegistrationFee,
  RemarkEvent,
  SendResult,
  SignedTx,
  StakeEvent,
  TxOutcome,
} from '../../economy';

/**
 * The ledger's chain port (`LedgerChainPort`, defined by `src/economy/ledger`) implemented with
 * the chain client. It lives here, behind the client, because dependencies point
 * `chain → economy` (types only): the economy module never imports the chain.
 *
 * Every judgement about a transaction is made on the finalized chain, so a "confirmed" burn
 * cannot be retracted and a "dropped" one can never be applied:
 * - included: its hash is in a finalized block from its birth block to its era's end;
 * - dropped: not there, and the signer's nonce in the finalized state is past its nonce (used
 *   by another extrinsic), or the finalized head reached the end of its mortal era;
 * - pending otherwise: sending the same bytes again is safe.
 */
export interface ChainLedgerPortOptions {
  /** Mortal era length of signed extrinsics, in blocks (default 64, as polkadot-js). */
  readonly eraPeriod?: number;
  /** Poll interval while waiting for finality (default 250 ms). */
  readonly pollMs?: number;
}

const SUBTENSOR = 'subtensorModule';

/** `LastRateLimitedBlock[RateLimitKey::AddStakeBurn(netuid)]` (Identity hasher, variant 6), which the metadata does not declare. */
function lastBurnKey(netuid: number): string {
  return u8aToHex(u8aConcat(xxhashAsU8a('SubtensorModule', 128), xxhashAsU8a('LastRateLimitedBlock', 128), new Uint8Array([6, netuid & 0xff, (netuid >> 8) & 0xff])));
}

const toBig = (c: Codec | undefined): bigint => BigInt(c ? c.toString() : '0');
const toNum = (c: Codec | undefined): number => Number(c ? c.toString() : '0');

/**
 * Rejections after which the bytes are in no pool and cannot become valid: 1010 invalid
 * (cannot pay, bad proof (also an era that ended), ancient birth block …) and 1002 (does not
 * decode). Not: outdated/stale (the finalized nonce decides), future, 1012 temporarily banned
 * (the pool saw these bytes recently), 1014 another transaction in the slot.
 */
function definitive(code: number, reason: string): boolean {
  if (/outdated|stale|future|priority is too low|temporarily banned/i.test(reason)) return false;
  return code === 1010 || code === 1002;
}

export class ChainLedgerPort implements LedgerChainPort {
  readonly #client: ChainClient;
  readonly #pair: KeyringPair;
  readonly #eraPeriod: number;
  readonly #pollMs: number;
  /** tx hash → highest finalized block already scanned without finding it (finalized blocks do not change). */
  readonly #scanned = new Map<string, number>();

  constructor(client: ChainClient, pair: KeyringPair, options: ChainLedgerPortOptions = {}) {
    this.#client = client;
    this.#pair = pair;
    this.#eraPeriod = options.eraPeriod ?? 64;
    this.#pollMs = options.pollMs ?? 250;
  }

  get signer(): string {
    return this.#pair.address;
  }

  get #api() {
    return this.#client.api;
  }

  async finalizedHead(): Promise<ChainHead> {
    const hash = await this.#api.rpc.chain.getFinalizedHead();
    const header = await this.#api.rpc.chain.getHeader(hash);
    return { number: header.number.toNumber(), hash: hash.toHex() };
  }

  async sign(call: LedgerCall): Promise<SignedTx> {
    const api = this.#api;
    const tx =
      call.kind === 'buyback'
        ? buildCall(api, SUBTENSOR, 'add_stake_burn', { hotkey: call.hotkey, netuid: call.netuid, amount: call.amountRao, limit: call.limitRao })
        : call.kind === 'stake'
          ? buildCall(api, SUBTENSOR, 'add_stake', { hotkey: call.hotkey, netuid: call.netuid, amount_staked: call.amountRao })
          : call.kind === 'burn-alpha'
            ? buildCall(api, SUBTENSOR, 'burn_alpha', { hotkey: call.hotkey, amount: call.amountRao, netuid: call.netuid })
            : buildCall(api, 'system', 'remark_with_event', { remark: u8aToHex(stringToU8a(call.text)) });
    const nonce = (await api.rpc.system.accountNextIndex(this.signer)).toNumber();
    await tx.signAsync(this.#pair, { nonce, era: this.#eraPeriod });
    // The head after signing is at or past the header polkadot-js signed against, within one era.
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    const era = tx.era;
    const mortal = era.isMortalEra ? era.asMortalEra : null;
    return {
      hash: tx.hash.toHex(),
      hex: tx.toHex(),
      nonce,
      signer: this.signer,
      signedAtBlock: mortal ? mortal.birth(best) : best,
      expiresAtBlock: mortal ? mortal.death(best) : null,
    };
  }

  async send(tx: SignedTx): Promise<SendResult> {
    try {
      await this.#client.provider.send('author_submitExtrinsic', [tx.hex]);
      return { accepted: true };
    } catch (error) {
      const r = rpcRejectionOf(error);
      if (r && (r.code === 1013 || /already imported/i.test(r.reason))) return { accepted: true };
      if (r) return { accepted: false, reason: `${r.code}: ${r.reason}`, definitive: definitive(r.code, r.reason) };
      if (isConnectionError(error)) return { accepted: false, reason: (error as Error).message, definitive: false };
      throw error;
    }
  }

  async #blockHash(n: number): Promise<string> {
    return (await this.#api.rpc.chain.getBlockHash(n)).toHex();
  }

  async #eventsAt(blockHash: string): Promise<{ at: ApiDecoration<'promise'>; records: EventRecord[] }> {
    const at = await this.#api.at(blockHash);
    return { at, records: (await at.query.system!.events!()) as unknown as EventRecord[] };
  }

  async #findInFinalized(tx: SignedTx, finalized: number): Promise<Inclusion | null> {
    const last = tx.expiresAtBlock === null ? finalized : Math.min(finalized, tx.expiresAtBlock);
    const from = Math.max(tx.signedAtBlock, (this.#scanned.get(tx.hash) ?? tx.signedAtBlock - 1) + 1, 1);
    for (let n = from; n <= last; n++) {
      const blockHash = await this.#blockHash(n);
      const block = await this.#api.rpc.chain.getBlock(blockHash);
      const index = block.block.extrinsics.findIndex((ex) => ex.hash.toHex() === tx.hash);
      if (index >= 0) return { blockHash, blockNumber: n, extrinsicIndex: index };
      this.#scanned.set(tx.hash, n);
    }
    return null;
  }

  async lookup(tx: SignedTx): Promise<TxOutcome> {
    const head = await this.finalizedHead();
    const found = await this.#findInFinalized(tx, head.number);
    if (found) return this.#outcomeAt(tx, found);
    const account = (await (await this.#api.at(head.hash)).query.system!.account!(this.signer)) as unknown as { nonce: Codec };
    const nonce = toNum(account.nonce);
    if (nonce > tx.nonce) return { status: 'dropped', reason: `nonce ${tx.nonce} was used by another extrinsic (the account's nonce is ${nonce} at finalized block #${head.number}), so this one can never be applied` };
    if (tx.expiresAtBlock !== null && head.number >= tx.expiresAtBlock) {
      return { status: 'dropped', reason: `its mortal era ended at block #${tx.expiresAtBlock} and it is in no block up to the finalized #${head.number}` };
    }
    return { status: 'pending' };
  }

  async #outcomeAt(tx: SignedTx, at: Inclusion): Promise<TxOutcome> {
    try {
      const result = await extrinsicResult(this.#api, 'ledger', tx.hash, at.blockHash);
      const burn = result.events.find((e) => e.section === SUBTENSOR && e.method === 'AddStakeBurn');
      const remark = result.events.find((e) => e.section === 'system' && e.method === 'Remarked');
      const staked = result.events.find((e) => e.section === SUBTENSOR && e.method === 'StakeAdded');
      const burned = result.events.find((e) => e.section === SUBTENSOR && e.method === 'AlphaBurned');
      return {
        status: 'included',
        ok: true,
        inclusion: at,
        burn: burn ? { ...at, ...burnFields(burn.data), txHash: tx.hash, signer: tx.signer } : null,
        remark: remark ? { ...at, sender: remark.data[0]!.toString(), hash: remark.data[1]!.toString(), txHash: tx.hash } : null,
        staked: staked ? stakeFields(staked.data) : null,
        alphaBurned: burned ? { ...at, ...alphaBurnFields(burned.data) } : null,
      };
    } catch (error) {
      if (error instanceof ChainDispatchError) return { status: 'included', ok: false, inclusion: at, error: error.name };
      throw error;
    }
  }

  async waitForOutcome(tx: SignedTx, timeoutMs: number): Promise<TxOutcome> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const outcome = await this.lookup(tx);
      if (outcome.status !== 'pending' || Date.now() >= until) return outcome;
      await new Promise((r) => setTimeout(r, Math.min(this.#pollMs, Math.max(0, until - Date.now()))));
    }
  }

  async buybackWindow(netuid: number): Promise<BuybackWindow> {
    const api = this.#api;
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    const tempo = toNum((await api.query.subtensorModule!.tempo!(netuid)) as Codec);
    const raw = (await api.rpc.state.getStorage(lastBurnKey(netuid))) as unknown as { isSome?: boolean; unwrap?: () => Codec; toU8a: (bare?: boolean) => Uint8Array } | null;
    let lastBurnBlock = 0;
    const bytes = raw && raw.isSome !== undefined ? (raw.isSome ? raw.unwrap!().toU8a(true) : null) : raw ? raw.toU8a(true) : null;
    if (bytes && bytes.length >= 8) lastBurnBlock = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
    return { head, lastBurnBlock, tempo, nextAllowedBlock: lastBurnBlock === 0 ? head + 1 : lastBurnBlock + tempo };
  }

  async capabilities(): Promise<BuybackCapabilities> {
    const api = this.#api;
    return {
      addStakeBurn: hasCall(api, SUBTENSOR, 'add_stake_burn'),
      addStake: hasCall(api, SUBTENSOR, 'add_stake'),
      burnAlpha: hasCall(api, SUBTENSOR, 'burn_alpha'),
      specVersion: this.#api.runtimeVersion.specVersion.toNumber(),
    };
  }

  async alphaBurnAt(at: Inclusion): Promise<AlphaBurnEvent | null> {
    const record = await this.#eventOf(at, SUBTENSOR, 'AlphaBurned');
    return record ? { ...at, ...alphaBurnFields([...record.event.data]) } : null;
  }

  async #canonical(at: Inclusion): Promise<boolean> {
    try {
      return (await this.#blockHash(at.blockNumber)).toLowerCase() === at.blockHash.toLowerCase();
    } catch {
      return false;
    }
  }

  async #extrinsicOf(blockHash: string, index: number): Promise<{ hash: string; signer: string | null } | null> {
    const block = await this.#api.rpc.chain.getBlock(blockHash);
    const ex = block.block.extrinsics[index];
    if (!ex) return null;
    return { hash: ex.hash.toHex(), signer: ex.isSigned ? ex.signer.toString() : null };
  }

  async #eventOf(at: Inclusion, section: string, method: string): Promise<EventRecord | null> {
    if (!(await this.#canonical(at))) return null;
    const { records } = await this.#eventsAt(at.blockHash);
    return records.find((r) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === at.extrinsicIndex && r.event.section === section && r.event.method === method) ?? null;
  }

  async burnAt(at: Inclusion): Promise<BurnEvent | null> {
    const record = await this.#eventOf(at, SUBTENSOR, 'AddStakeBurn');
    if (!record) return null;
    const ex = await this.#extrinsicOf(at.blockHash, at.extrinsicIndex);
    return { ...at, ...burnFields([...record.event.data]), txHash: ex?.hash ?? null, signer: ex?.signer ?? null };
  }

  async remarkAt(at: Inclusion): Promise<RemarkEvent | null> {
    const record = await this.#eventOf(at, 'system', 'Remarked');
    if (!record) return null;
    const ex = await this.#extrinsicOf(at.blockHash, at.extrinsicIndex);
    return { ...at, sender: record.event.data[0]!.toString(), hash: record.event.data[1]!.toString(), txHash: ex?.hash ?? null };
  }

  async listBurnEvents(netuid: number, fromBlock: number, toBlock: number): Promise<BurnEvent[]> {
    const out: BurnEvent[] = [];
    for (let n = Math.max(1, fromBlock); n <= toBlock; n++) {
      const blockHash = await this.#blockHash(n);
      const { records } = await this.#eventsAt(blockHash);
      for (const r of records) {
        if (r.event.section !== SUBTENSOR || r.event.method !== 'AddStakeBurn' || !r.phase.isApplyExtrinsic) continue;
        const fields = burnFields([...r.event.data]);
        if (fields.netuid !== netuid) continue;
        const index = r.phase.asApplyExtrinsic.toNumber();
        const ex = await this.#extrinsicOf(blockHash, index);
        out.push({ blockHash, blockNumber: n, extrinsicIndex: index, ...fields, txHash: ex?.hash ?? null, signer: ex?.signer ?? null });
      }
    }
    return out;
  }

  async registrationFees(netuid: number, fromBlock: number, toBlock: number): Promise<RegistrationFee[]> {
    const out: RegistrationFee[] = [];
    for (let n = Math.max(1, fromBlock); n <= toBlock; n++) {
      const blockHash = await this.#blockHash(n);
      const { at, records } = await this.#eventsAt(blockHash);
      for (const r of records) {
        if (r.event.section !== SUBTENSOR || r.event.method !== 'NeuronRegistered') continue;
        const [net, uid, hotkey] = r.event.data;
        if (toNum(net) !== netuid) continue;
        // The burn the registration paid: the subnet's `Burn` in that block.
        const fee = toBig((await at.query.subtensorModule!.burn!(netuid)) as Codec);
        out.push({ blockNumber: n, netuid, uid: toNum(uid), hotkey: hotkey!.toString(), feeRao: fee });
      }
    }
    return out;
  }

  async alphaSupply(netuid: number, blockNumber: number): Promise<bigint> {
    const at = await this.#api.at(await this.#blockHash(blockNumber));
    const pool = toBig((await at.query.subtensorModule!.subnetAlphaIn!(netuid)) as Codec);
    const entries = (await at.query.subtensorModule!.totalHotkeyAlpha!.entries()) as unknown as [{ args: Codec[] }, Codec][];
    let staked = 0n;
    for (const [key, value] of entries) if (toNum(key.args[1]) === netuid) staked += toBig(value);
    return pool + staked;
  }
}

/** `StakeAdded(coldkey, hotkey, tao, alpha, netuid, fee)`. */
function stakeFields(data: readonly Codec[]): StakeEvent {
  return { hotkey: data[1]!.toString(), taoRao: toBig(data[2]), alphaRao: toBig(data[3]), netuid: toNum(data[4]) };
}

/** `AlphaBurned(coldkey, hotkey, alpha, netuid)`. */
function alphaBurnFields(data: readonly Codec[]): { netuid: number; hotkey: string; alphaRao: bigint } {
  return { hotkey: data[1]!.toString(), alphaRao: toBig(data[2]), netuid: toNum(data[3]) };
}

function burnFields(data: readonly Codec[]): { netuid: number; hotkey: string; taoRao: bigint; alphaRao: bigint } {
  return { netuid: toNum(data[0]), hotkey: data[1]!.toString(), taoRao: toBig(data[2]), alphaRao: toBig(data[3]) };
}
