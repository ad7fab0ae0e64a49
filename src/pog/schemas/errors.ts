import { PogError } from '../errors';

/**
 * A wire message (or an encoded field in one) that is oversized, not JSON, or does not match
 * its schema. details.issues lists every problem as "path: message".
 */
export class MessageValidationError extends PogError {}
