/**
 * Commit-reveal v4 timelock encryption in the chain's own format (tle `TLECiphertext<TinyBLS381>`,
 * drand quicknet's `bls-unchained-g1-rfc9380`), written from the facts of subtensor's and the
 * `tle` crate's sources; see each file's header for the facts it follows.
 */
export * from './errors';
export { openBeacon, encryptToRound, decryptWithSignature, verifyPulse, SUPPORTED_SCHEME_ID, type Beacon, type BeaconConfig } from './beacon';
export { roundIdentity, roundAt, roundTime, revealRoundFor, type RevealRoundInput } from './rounds';
export { encodeWeightsPayload, decodeWeightsPayload, decodeLegacyWeightsPayload, type WeightsTlockPayload } from './payload';
export { encodeTleCiphertext, decodeTleCiphertext, tle, tld, MAX_TIMELOCK_COMMIT_BYTES, CIPHER_SUITE_AES_GCM, type TleCiphertext, type TleOptions } from './tle';
export { decodeG1, decodeG2, encodeG1, encodeG2, signG1, publicKeyG2, hashToG1, verifyG1Signature, fp12ArkBytes, QUICKNET_DST, CURVE_ORDER } from './bls';
export { ibeEncrypt, ibeDecrypt, type IbeCiphertext } from './ibe';
