/**
 * Signed messages between validator and miner: Epistula v2 request signing bound to method and
 * path, signed responses, replay protection and a small signing HTTP client. Shared by miner
 * and validator; see docs/protocol.md.
 */
export {
  EPISTULA_VERSION,
  PROTOCOL_HEADERS,
  RESPONSE_HEADERS,
  MAX_HEADER_VALUE_CHARS,
  MAX_PATH_CHARS,
  DEFAULT_MAX_SKEW_MS,
  DEFAULT_MAX_REQUEST_BODY_BYTES,
} from './headers';
export {
  ProtocolError,
  MissingHeaderError,
  MalformedHeaderError,
  WrongReceiverError,
  BadSignatureError,
  StaleRequestError,
  ReplayedRequestError,
  SenderNotAllowedError,
  BodyTooLargeError,
  BodyAbortedError,
  UnexpectedSignerError,
  ResponseTooLargeError,
  RequestTimeoutError,
  RequestAbortedError,
  TransportError,
  MalformedResponseError,
  RemoteError,
  protocolErrorBody,
} from './errors';
export { bodySha256Hex } from './body-hash';
export { requestSigningMessage, responseSigningMessage } from './signed-message';
export { protocolCryptoReady } from './sr25519';
export { UUID_PATTERN, isCanonicalSs58 } from './header-values';
export { ReplayGuard, DEFAULT_REPLAY_WINDOW_MS, DEFAULT_REPLAY_MAX_ENTRIES } from './replay-guard';
export { type SignRequestInput, signRequest } from './sign-request';
export { type VerifyRequestInput, type VerifiedRequest, verifyRequest } from './verify-request';
export { signResponse, verifyResponse } from './response';
export { readRequestBody } from './read-body';
export { type SignedFetchInput, type SignedFetchResult, signedFetch } from './signed-fetch';
export {
  TENSOR_TYPES,
  MAX_INPUT_BYTES,
  MAX_TENSORS,
  MAX_RANK,
  TensorWireError,
  tensorSchema,
  tensorsFromWire,
  tensorsToWire,
  tensorBytes,
  elementCount,
  base64Chars,
  encodeTensors,
  decodeTensors,
  tensorsHash,
  type Tensor,
  type TensorType,
  type WireTensor,
} from './jobs/tensor-wire';
export {
  JOB_PROTOCOL_VERSION,
  MAX_MODEL_BYTES,
  MAX_OUTPUT_BYTES,
  MAX_JOB_TIMEOUT_MS,
  MAX_JOB_REQUEST_BYTES,
  jobRequestBodyBytes,
  MAX_JOB_ANSWER_BYTES,
  modelUploadBodyBytes,
  jobRequestSchema,
  modelUploadSchema,
  modelStoredSchema,
  receiptFieldsSchema,
  jobReceiptSchema,
  jobAnswerSchema,
  JobMessageError,
  parseJobMessage,
  type JobRequest,
  type ModelUpload,
  type ModelStored,
  type JobReceipt,
  type JobReceiptFields,
  type JobAnswer,
  type JobMessageKind,
  type JobMessage,
} from './jobs/job-messages';
export { receiptSigningMessage, signJobReceipt, verifyJobReceipt } from './jobs/job-receipt';
