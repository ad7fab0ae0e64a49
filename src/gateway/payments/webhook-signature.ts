import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError } from '../errors';

/**
 * The payment processor's webhook signature, Stripe's scheme: the header
 * `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, where each v1 is
 * HMAC-SHA256(endpoint secret, `<t>.<raw body>`). Several v1 values appear while the
 * processor rolls its secret. The timestamp bounds replays to the tolerance window; the event
 * id (fiat-payments) makes a replay inside the window change nothing.
 */
export const SIGNATURE_HEADER = 'stripe-signature';
export const DEFAULT_TOLERANCE_S = 300;

export function signPayload(secret: string, timestampS: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestampS}.`).update(rawBody).digest('hex');
}

/** A header value for `rawBody` signed now (what the processor sends; used by tests and the demo). */
export function signatureHeader(secret: string, rawBody: Buffer | string, timestampS = Math.floor(Date.now() / 1000)): string {
  return `t=${timestampS},v1=${signPayload(secret, timestampS, rawBody)}`;
}

/** Throws WebhookSignatureError unless `header` carries a fresh, valid signature of `rawBody`. */
export function verifyWebhookSignature(secret: string, rawBody: Buffer, header: string | undefined, options: { toleranceS?: number; nowS?: number } = {}): void {
  if (!header) throw new WebhookSignatureError(`no ${SIGNATURE_HEADER} header`);
  if (header.length > 1024) throw new WebhookSignatureError('the signature header is too long');
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (t === null) throw new WebhookSignatureError('no timestamp (t=) in the signature header');
  if (signatures.length === 0) throw new WebhookSignatureError('no v1 signature in the signature header');
  const now = options.nowS ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceS ?? DEFAULT_TOLERANCE_S;
  if (Math.abs(now - t) > tolerance) throw new WebhookSignatureError(`the timestamp is ${now - t} s from now, outside the ${tolerance} s tolerance`);
  const expected = Buffer.from(signPayload(secret, t, rawBody), 'hex');
  if (!signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected))) throw new WebhookSignatureError('no signature matches the body');
}
