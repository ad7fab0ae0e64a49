export { MessageValidationError } from './errors';
export {
  bytesToHex,
  hexToBytes,
  isCanonicalBase64,
  base64DecodedLength,
  base64EncodedLength,
  float32ToBase64,
  base64ToFloat32,
} from './encoding';
export {
  PROTOCOL_VERSION,
  MAX_ROWS,
  MAX_AUDIT_ROWS,
  MAX_PROOF_HASHES,
  MAX_OPENING_BYTES,
  MAX_OPENING_BASE64_CHARS,
  MAX_TIMING_MS,
  MAX_CHALLENGE_BYTES,
  MAX_COMMITMENT_BYTES,
  MAX_AUDIT_REQUEST_BYTES,
  MAX_AUDIT_RESPONSE_BYTES,
  MAX_UNOPENED_CHALLENGES,
  MIN_COMMITMENTS_RETAINED,
  auditResponseBytesFor,
} from './limits';
export {
  hex32Schema,
  ChallengeSchema,
  MinerTimingsSchema,
  CommitmentSchema,
  AuditRequestSchema,
  OpeningWireSchema,
  AuditResponseSchema,
  type Challenge,
  type MinerTimings,
  type Commitment,
  type AuditRequest,
  type OpeningWire,
  type AuditResponse,
} from './messages';
export { MESSAGES, type MessageKind, type MessageOf, validateMessage, parseMessage, serialiseMessage } from './parse';
export { encodeOpening, decodeOpening } from './openings';
