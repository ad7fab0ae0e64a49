/**
 * Errors of the timelock (drand) layer. One class per failure mode; each message says what was
 * wrong with which input, and `details` carries the structured facts.
 */
export class TimelockError extends Error {
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bytes that do not parse as the chain's `TLECiphertext<TinyBLS381>` (arkworks compressed). */
export class TimelockCiphertextFormatError extends TimelockError {}

/** A public key or signature that is not a valid compressed point of its group. */
export class BeaconPointError extends TimelockError {}

/** The IBE header did not open under the signature (wrong round's signature, or tampered header). */
export class TimelockSignatureMismatchError extends TimelockError {}

/** The AES-GCM body did not authenticate under the recovered key (tampered body or nonce). */
export class TimelockBodyError extends TimelockError {}

/** Plaintext that is not a SCALE `WeightsTlockPayload`. */
export class TimelockPayloadError extends TimelockError {}

/** A beacon configuration this client cannot use (wrong scheme, zero period, bad key). */
export class BeaconConfigError extends TimelockError {}
