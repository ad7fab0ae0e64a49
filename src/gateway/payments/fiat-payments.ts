import { z } from 'zod';
import type { Logger } from '../../logging';
import type { CreditBook } from '../credits/credit-book';
import { big, one, type Database } from '../db/database';
import { InvalidRequestError } from '../errors';
import { nowMs } from '../ids';
import { verifyWebhookSignature } from './webhook-signature';

/** The event that credits an account: a completed checkout whose reference is our account id. */
export const PAID_EVENT = 'checkout.session.completed';

const eventSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  type: z.string().max(128),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const checkoutSchema = z.object({
  amount_total: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[a-z]{3}$/),
  client_reference_id: z.string().max(64),
});

export type FiatOutcome = 'credited' | 'ignored_type' | 'unknown_account' | 'unsupported_currency' | 'malformed_checkout';

export interface FiatResult {
  readonly eventId: string;
  readonly outcome: FiatOutcome;
  /** True where this event id was already processed: nothing changed this time. */
  readonly duplicate: boolean;
  readonly credited: bigint;
}

export interface FiatPaymentsOptions {
  readonly secret: string;
  /**
   * Credit units per minor currency unit, per lower-case currency code: the recorded rate at
   * which fiat buys "virtual" credit (seed 000), e.g. `{ usd: 2_500_000n }` (1 cent = 0.0025 TAO).
   */
  readonly unitsPerMinor: Readonly<Record<string, bigint>>;
  readonly toleranceS?: number;
}

/**
 * The payment processor's webhook: a signed event (see webhook-signature), processed once per
 * event id. The event's record and its credit commit in one transaction, so a replay, a
 * retry after a crash or two gateways receiving the same event credit it exactly once. Events
 * that credit nothing (other types, an unknown account) are recorded too, with their outcome,
 * so the processor's retries stop and the operator can see them.
 */
export class FiatPayments {
  constructor(
    private readonly db: Database,
    private readonly book: CreditBook,
    private readonly options: FiatPaymentsOptions,
    private readonly logger: Logger,
  ) {
    for (const [currency, rate] of Object.entries(options.unitsPerMinor)) {
      if (!/^[a-z]{3}$/.test(currency) || rate <= 0n) throw new InvalidRequestError(`a fiat rate is a positive number of credit units per minor unit of a lower-case currency code, got ${currency}=${rate}`);
    }
  }

  /** Verifies and applies one delivery. Throws WebhookSignatureError / InvalidRequestError, changing nothing. */
  async receive(rawBody: Buffer, signatureHeader: string | undefined): Promise<FiatResult> {
    verifyWebhookSignature(this.options.secret, rawBody, signatureHeader, { toleranceS: this.options.toleranceS });
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new InvalidRequestError('the webhook body is not JSON');
    }
    const event = eventSchema.safeParse(json);
    if (!event.success) throw new InvalidRequestError('the webhook body is not a payment event', { issues: event.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) });
    const { id, type } = event.data;

    return this.db.transaction(async (tx) => {
      const seen = await one(tx, 'SELECT outcome, credited FROM fiat_events WHERE event_id = ?', [id]);
      if (seen) return { eventId: id, outcome: String(seen.outcome) as FiatOutcome, duplicate: true, credited: seen.credited === null ? 0n : big(seen.credited) };
      const record = (outcome: FiatOutcome, fields: { accountId?: string; amount?: bigint; currency?: string; rate?: bigint; credited?: bigint } = {}) =>
        tx.run(
          'INSERT INTO fiat_events (event_id, type, outcome, account_id, amount_minor, currency, units_per_minor, credited, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [id, type, outcome, fields.accountId ?? null, fields.amount ?? null, fields.currency ?? null, fields.rate ?? null, fields.credited ?? null, nowMs()],
        );
      const done = async (outcome: FiatOutcome, credited = 0n, fields = {}) => {
        await record(outcome, { ...fields, credited });
        if (outcome !== 'credited') this.logger.warn({ eventId: id, type, outcome }, 'payment event credited nothing');
        return { eventId: id, outcome, duplicate: false, credited };
      };
      if (type !== PAID_EVENT) return done('ignored_type');
      const checkout = checkoutSchema.safeParse(event.data.data.object);
      if (!checkout.success) return done('malformed_checkout');
      const { amount_total: amountMinor, currency, client_reference_id: accountId } = checkout.data;
      const rate = this.options.unitsPerMinor[currency];
      const fields = { amount: BigInt(amountMinor), currency, accountId: undefined as string | undefined, rate };
      if (rate === undefined) return done('unsupported_currency', 0n, fields);
      const account = await one(tx, 'SELECT id FROM accounts WHERE id = ?', [accountId]);
      if (!account) return done('unknown_account', 0n, fields);
      const credited = BigInt(amountMinor) * rate;
      await this.book.credit(tx, accountId, 'deposit_fiat', credited, `fiat:${id}`);
      this.logger.info({ eventId: id, accountId, amountMinor, currency, credited: credited.toString() }, 'fiat payment credited');
      return done('credited', credited, { ...fields, accountId });
    });
  }
}
