import type { Codec } from '@polkadot/types/types';
import type { CallArgs, CallContext, PalletRuntime } from '../runtime/call-context';
import { ensureSigned } from '../runtime/ensure-origin';
import { epochIndex } from '../../weights/epoch';
import { big, num } from './subtensor/subnet-state';

/**
 * pallet_commitments' `set_commitment`: a hotkey registered on a subnet publishes up to
 * `MaxFields` data fields there, within `MaxSpace` bytes per subnet epoch. Deposits are
 * free on subtensor (`CommitmentInitialDeposit` and `CommitmentFieldDeposit` are 0).
 * Timelocked fields are stored like any other (their `TimelockCommitment` event and drand
 * reveal are not in this metadata), and `ResetBondsFlag` does not reset bonds here.
 */
const C = 'Commitments';
/** `MaxCommitFields`. */
const MAX_FIELDS = 3;
/** Each commitment uses at least this much of the space budget. */
const MIN_USED_SPACE = 100n;

interface DataEnum extends Codec {
  readonly type: string;
  readonly value: Codec & { readonly encrypted?: Codec };
}

/** `Data::len_for_rate_limit`: the bytes a field counts against the space budget. */
function fieldSpace(field: DataEnum): bigint {
  if (field.type === 'None' || field.type === 'ResetBondsFlag') return 0n;
  if (field.type === 'TimelockEncrypted') return BigInt(field.value.encrypted!.toU8a(true).length);
  if (field.type === 'BigRaw') return BigInt(field.value.toU8a(true).length);
  return BigInt(field.value.toU8a(true).length);
}

function setCommitment(ctx: CallContext, args: CallArgs): void {
  const who = ensureSigned(ctx);
  const netuid = Number(args.netuid!.toString());
  const s = ctx.storage;
  if (s.get('SubtensorModule', 'Uids', [netuid, who]) === null) throw ctx.error(C, 'AccountNotAllowedCommit');
  const info = args.info as unknown as Codec & { fields: Codec & { toArray(): DataEnum[] } };
  const fields = info.fields.toArray();
  if (fields.length > MAX_FIELDS) throw ctx.error(C, 'TooManyFieldsInCommitmentInfo');

  const required = fields.reduce((sum, f) => sum + fieldSpace(f), 0n);
  const needed = required > MIN_USED_SPACE ? required : MIN_USED_SPACE;
  const tempo = num(s.get('SubtensorModule', 'Tempo', [netuid]));
  const epoch = BigInt(epochIndex(netuid, tempo, ctx.blockNumber));
  const usage = s.get(C, 'UsedSpaceOf', [netuid, who]) as unknown as { lastEpoch: Codec; usedSpace: Codec } | null;
  const used = usage && big(usage.lastEpoch) === epoch ? big(usage.usedSpace) : 0n;
  if (used + needed > big(s.get(C, 'MaxSpace'))) throw ctx.error(C, 'SpaceLimitExceeded');

  s.set(C, 'UsedSpaceOf', [netuid, who], { lastEpoch: epoch, usedSpace: used + needed });
  s.set(C, 'CommitmentOf', [netuid, who], { deposit: 0n, block: ctx.blockNumber, info: info.toU8a() });
  s.set(C, 'LastCommitment', [netuid, who], ctx.blockNumber);
  ctx.emit(C, 'Commitment', [netuid, who]);
}

export const commitmentsPallet: PalletRuntime = {
  name: C,
  calls: {
    set_commitment: { handler: setCommitment, paysFee: false },
  },
};
