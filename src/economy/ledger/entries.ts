import { z } from 'zod';

/**
 * The journal's entry kinds. Each line of the journal holds one entry; the ledger's state is
 * what replaying them in order gives. Amounts in rao (and USD scaled by 10^9) are decimal
 * strings, since JSON numbers cannot hold u64 exactly.
 */

const rao = z.string().regex(/^\d+$/, 'an amount in rao: decimal digits');
const decimal = z.string().regex(/^\d+(\.\d{1,9})?$/, 'a decimal number');
const hex = z.string().regex(/^0x[0-9a-fA-F]*$/, 'a 0x-prefixed hex string');
const time = z.string().min(1);
const block = z.number().int().min(0);

/** Where an extrinsic landed. */
export const inclusionSchema = z.object({
  blockHash: hex,
  blockNumber: block,
  extrinsicIndex: z.number().int().min(0),
});

/**
 * A signed extrinsic exactly as it is (or will be) sent: written to the journal before it is
 * handed to the node, so that after a crash the same bytes (same hash, same nonce) are looked
 * up and, if the chain has not got them, sent again.
 */
export const signedTxSchema = z.object({
  hash: hex,
  hex,
  nonce: z.number().int().min(0),
  signer: z.string().min(1),
  /** The chain head when it was signed: it cannot be in an earlier block. */
  signedAtBlock: block,
  /** First block in which a mortal extrinsic is no longer valid; null when immortal. */
  expiresAtBlock: block.nullable(),
});

export const ledgerCreatedSchema = z.object({ kind: z.literal('ledger.created'), format: z.literal(1), time });

export const revenueEntrySchema = z.object({
  kind: z.literal('revenue'),
  id: z.string().min(1).max(200),
  currency: z.enum(['USD', 'TAO']),
  /** As given, normalised: USD or TAO. */
  amount: decimal,
  /** USD per TAO used to convert a USD amount; null for TAO revenue. */
  usdPerTao: decimal.nullable(),
  /** The TAO this revenue buys back, in rao. */
  taoRao: rao,
  source: z.string().max(200),
  time,
});

export const orderIntendedSchema = z.object({
  kind: z.literal('order.intended'),
  /** Idempotency key: blake2-256 of the revenue ids it spends and the attempt number. */
  key: hex,
  attempt: z.number().int().min(1),
  revenueIds: z.array(z.string().min(1)).min(1),
  netuid: z.number().int().min(0).max(65535),
  hotkey: z.string().min(1),
  amountRao: rao,
  /** Highest price accepted (rao per alpha), or none. */
  limitRao: rao.nullable(),
  /**
   * The calls the order is made of, chosen from the node's metadata before the order is
   * written: `add_stake_burn`, or `add_stake` then `burn_alpha` on runtimes without it.
   * Absent in journals written before there was a choice (then `add_stake_burn`).
   */
  method: z.enum(['add_stake_burn', 'add_stake+burn_alpha']).optional(),
  time,
});

export const orderSubmittedSchema = z.object({ kind: z.literal('order.submitted'), key: hex, tx: signedTxSchema, time });

export const orderConfirmedSchema = z.object({
  kind: z.literal('order.confirmed'),
  key: hex,
  inclusion: inclusionSchema,
  /** TAO spent and alpha burned, from the chain's AddStakeBurn event. */
  taoRao: rao,
  alphaRao: rao,
  time,
});

/** The first leg (`add_stake`) of an `add_stake+burn_alpha` order is final: the alpha it bought, from its StakeAdded event. */
export const orderStakedSchema = z.object({ kind: z.literal('order.staked'), key: hex, inclusion: inclusionSchema, taoRao: rao, alphaRao: rao, time });
/** The second leg (`burn_alpha` of the staked alpha), signed, before it is sent. */
export const orderBurnSubmittedSchema = z.object({ kind: z.literal('order.burn-submitted'), key: hex, tx: signedTxSchema, time });
/**
 * The second leg failed or can never be applied: the alpha is still staked (the TAO is
 * spent), so the order stays live and a new `burn_alpha` is signed on the next run.
 */
export const orderBurnFailedSchema = z.object({ kind: z.literal('order.burn-failed'), key: hex, reason: z.string(), inclusion: inclusionSchema.nullable(), time });

export const orderFailedSchema = z.object({
  kind: z.literal('order.failed'),
  key: hex,
  reason: z.string(),
  /** The block that holds the failed extrinsic, when it was included (the nonce and fee were spent). */
  inclusion: inclusionSchema.nullable(),
  time,
});

export const recordIntendedSchema = z.object({
  kind: z.literal('record.intended'),
  index: z.number().int().min(1),
  attempt: z.number().int().min(1),
  fromBlock: block,
  toBlock: block,
  /** The canonical JSON of the record: what is published and what the hash is of. */
  json: z.string().min(2),
  hash: hex,
  time,
});

export const recordSubmittedSchema = z.object({ kind: z.literal('record.submitted'), index: z.number().int().min(1), tx: signedTxSchema, time });
export const recordConfirmedSchema = z.object({ kind: z.literal('record.confirmed'), index: z.number().int().min(1), inclusion: inclusionSchema, time });
export const recordFailedSchema = z.object({
  kind: z.literal('record.failed'),
  index: z.number().int().min(1),
  reason: z.string(),
  inclusion: inclusionSchema.nullable(),
  time,
});

export const ledgerEntrySchema = z.discriminatedUnion('kind', [
  ledgerCreatedSchema,
  revenueEntrySchema,
  orderIntendedSchema,
  orderSubmittedSchema,
  orderConfirmedSchema,
  orderFailedSchema,
  orderStakedSchema,
  orderBurnSubmittedSchema,
  orderBurnFailedSchema,
  recordIntendedSchema,
  recordSubmittedSchema,
  recordConfirmedSchema,
  recordFailedSchema,
]);

export type Inclusion = z.infer<typeof inclusionSchema>;
export type SignedTx = z.infer<typeof signedTxSchema>;
export type RevenueEntry = z.infer<typeof revenueEntrySchema>;
export type OrderIntendedEntry = z.infer<typeof orderIntendedSchema>;
export type RecordIntendedEntry = z.infer<typeof recordIntendedSchema>;
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export type LedgerEntryKind = LedgerEntry['kind'];

/** An entry as stored: its position in the journal and the entry. */
export interface JournalLine {
  readonly seq: number;
  readonly entry: LedgerEntry;
}
