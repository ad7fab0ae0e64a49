import { canonicalJson } from '../../base';
import { blake2Hex } from './canonical-json';

/**
 * An order's idempotency key: blake2-256 of the sorted revenue ids it spends and its attempt
 * number (1, then one more for each earlier failed order over exactly the same revenue). The
 * same revenue can therefore never be planned into two different live orders under one key,
 * and a replanned order after a failure gets a key of its own.
 */
export function orderKey(revenueIds: readonly string[], attempt: number): string {
  return blake2Hex(canonicalJson({ domain: 'pog-buyback-order/v1', attempt, revenueIds: [...revenueIds].sort() }));
}
