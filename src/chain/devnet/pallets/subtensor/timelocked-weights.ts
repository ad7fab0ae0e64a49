import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import { u8aEq, u8aToHex } from '@polkadot/util';
import { decodeLegacyWeightsPayload, decodeWeightsPayload, decryptWithSignature } from '../../../timelock';
import type { CallArgs, CallContext, RuntimeContext } from '../../runtime/call-context';
import { ensureSigned } from '../../runtime/ensure-origin';
import type { TypedStorage } from '../../state/typed-storage';
import { nonRootSubnets } from './coinbase';
import { epochIndex, tempoOf } from './epoch-schedule';
import type { SubtensorArea } from './index';
import { networkExists, num, setUidVectorEntry, uidOf, uidVector } from './subnet-state';
import { u16Arg, u64Arg } from './weights-args';
import { MAX_UNREVEALED_COMMITS, revealPeriod } from './weights-commits';
import { commitRevealEnabled, rateLimitPasses } from './weights-rules';
import { applyWeights } from './weights-set';

/**
 * Commit-reveal v4 as subtensor runs it (subnets/weights.rs `internal_commit_timelocked_weights`,
 * coinbase/reveal_commits.rs `reveal_crv3_commits_for_subnet`, run each block before the
 * coinbase): a hotkey commits a drand-timelocked `WeightsTlockPayload`; the chain stores it under
 * (netuid, commit epoch) and, in the epoch `RevealPeriodEpochs` later, decrypts it with the pulse
 * of its round from pallet_drand and sets the weights. A commit whose pulse is not on chain yet
 * is retried every block of the reveal epoch and dropped after it. As on subtensor, a commit
 * that fails to reveal (bad ciphertext, wrong round, undecodable payload, another hotkey's
 * payload, weights the chain refuses) is dropped silently: the only reveal event is
 * `TimelockedWeightsRevealed` on success. Epochs are this chain's `(block + netuid + 1) / (tempo + 1)`.
 */
const P = 'SubtensorModule';

type Entry = [string, number, Uint8Array, number];

function readEntries(s: TypedStorage, netuid: number, epoch: number): Entry[] {
  const raw = s.get(P, 'TimelockedWeightCommits', [netuid, epoch]);
  if (raw === null) return [];
  return (raw as unknown as { toArray(): { toArray(): { toString(): string; toU8a(b: boolean): Uint8Array }[] }[] }).toArray().map((t) => {
    const [who, block, commit, round] = t.toArray();
    return [who!.toString(), Number(block!.toString()), commit!.toU8a(true), Number(round!.toString())];
  });
}

function writeEntries(s: TypedStorage, netuid: number, epoch: number, entries: readonly Entry[]): void {
  if (entries.length === 0) s.remove(P, 'TimelockedWeightCommits', [netuid, epoch]);
  // Bytes from a hex string are the bytes themselves (from a Uint8Array they would be read as SCALE).
  else s.set(P, 'TimelockedWeightCommits', [netuid, epoch], entries.map(([who, block, commit, round]) => [who, block, u8aToHex(commit), round]));
}

function commitTimelockedWeights(ctx: CallContext, args: CallArgs): void {
  const s = ctx.storage;
  const netuid = u16Arg(args.netuid);
  if (!networkExists(s, netuid)) throw ctx.error(P, 'MechanismDoesNotExist');
  const who = ensureSigned(ctx);
  if (!commitRevealEnabled(s, netuid)) throw ctx.error(P, 'CommitRevealDisabled');
  if (u16Arg(args.commit_reveal_version) !== num(s.get(P, 'CommitRevealWeightsVersion'))) throw ctx.error(P, 'IncorrectCommitRevealVersion');
  const uid = uidOf(s, netuid, who);
  if (uid === null) throw ctx.error(P, 'HotKeyNotRegisteredInSubNet');
  const now = ctx.blockNumber;
  if (!rateLimitPasses(s, netuid, uid, now)) throw ctx.error(P, 'CommittingWeightsTooFast');
  const epoch = epochIndex(netuid, tempoOf(s, netuid), now);
  const entries = readEntries(s, netuid, epoch);
  if (entries.filter(([account]) => account === who).length >= MAX_UNREVEALED_COMMITS) throw ctx.error(P, 'TooManyUnrevealedCommits');
  const commit = args.commit!.toU8a(true);
  const round = Number(u64Arg(args.reveal_round));
  entries.push([who, now, commit, round]);
  writeEntries(s, netuid, epoch, entries);
  ctx.emit(P, 'TimelockedWeightsCommitted', [who, netuid, blake2AsHex(commit, 256), round]);
  setUidVectorEntry(s, 'LastUpdate', netuid, uid, now, uidVector(s, 'LastUpdate', netuid), 0);
}

/** The weights a decrypted payload carries for `who`, or null when the chain would drop it. */
function payloadWeights(plain: Uint8Array, who: string): { uids: number[]; values: number[]; versionKey: bigint } | null {
  try {
    const p = decodeWeightsPayload(plain);
    // `T::AccountId::decode(&mut &payload.hotkey[..])`: 32 bytes, else the legacy form.
    if (p.hotkey.length >= 32) return u8aEq(p.hotkey.subarray(0, 32), decodeAddress(who)) ? p : null;
  } catch {
    // not the current form: the chain tries the legacy one
  }
  try {
    return decodeLegacyWeightsPayload(plain);
  } catch {
    return null;
  }
}

function pulseSignature(s: TypedStorage, round: number): Uint8Array | null {
  const pulse = s.get('Drand', 'Pulses', [round]);
  if (pulse === null) return null;
  return (pulse as unknown as { signature: { toU8a(b: boolean): Uint8Array } }).signature.toU8a(true);
}

function revealForSubnet(ctx: RuntimeContext, netuid: number): void {
  const s = ctx.storage;
  const period = revealPeriod(s, netuid);
  const current = epochIndex(netuid, tempoOf(s, netuid), ctx.blockNumber);
  const revealEpoch = current - period;
  // Commits of epochs before the reveal epoch have expired.
  for (const [[, epoch]] of s.entries(P, 'TimelockedWeightCommits').filter(([[n]]) => num(n!) === netuid)) {
    if (num(epoch!) < revealEpoch) s.remove(P, 'TimelockedWeightCommits', [netuid, num(epoch!)]);
  }
  if (current < period) return;
  const entries = readEntries(s, netuid, revealEpoch);
  if (entries.length === 0) return;
  const unrevealed: Entry[] = [];
  for (const entry of entries) {
    const [who, , commit, round] = entry;
    const signature = pulseSignature(s, round);
    if (signature === null) {
      unrevealed.push(entry);
      continue;
    }
    let plain: Uint8Array;
    try {
      plain = decryptWithSignature(commit, signature);
    } catch {
      continue;
    }
    const weights = payloadWeights(plain, who);
    if (weights === null) continue;
    try {
      applyWeights(ctx, { hotkey: who, netuid, ...weights });
    } catch {
      continue;
    }
    ctx.emit(P, 'TimelockedWeightsRevealed', [netuid, who]);
  }
  writeEntries(s, netuid, revealEpoch, unrevealed);
}

export const timelockedWeightsArea: SubtensorArea = {
  calls: { commit_timelocked_weights: { handler: commitTimelockedWeights, paysFee: false } },
  onInitialize: (ctx) => {
    for (const netuid of nonRootSubnets(ctx.storage)) revealForSubnet(ctx, netuid);
  },
};
