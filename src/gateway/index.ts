/**
 * The compute market's gateway: buyer accounts and scoped API keys, credits (held at
 * submission, charged on success, released otherwise), TAO deposits and fiat webhooks, ONNX
 * models addressed by SHA-256, over an embedded SQLite database or a PostgreSQL server.
 * See docs/gateway.md.
 */
export { type Database, type Queryable, type SqlValue } from './db/database';
export { openDatabase, SQLITE_FILE, type OpenDatabaseOptions } from './db/open-database';
export { migrate, SCHEMA_VERSION } from './db/migrations';
export { Accounts, type Account, type ApiKeyInfo, type Principal } from './accounts/accounts';
export { SCOPES, type Scope, generateApiKey, parseApiKey } from './accounts/api-keys';
export { CreditBook, MAX_AMOUNT, type CreditSource, type Hold, type HoldState, type CreditEntry } from './credits/credit-book';
export { depositAddressFor } from './payments/deposit-address';
export {
  GatewayError,
  InvalidRequestError,
  PayloadTooLargeError,
  UnauthorizedError,
  ForbiddenScopeError,
  NotFoundError,
  InsufficientCreditError,
  WebhookSignatureError,
  ModelRejectedError,
  DatabaseError,
  PriceAboveMaximumError,
  JobStateError,
  MinerJobError,
  MinerRefusedError,
  MinerBusyError,
  MinerTimeoutError,
  MinerTransportError,
  MinerBadAnswerError,
  JobWithdrawnError,
} from './errors';
export { FiatPayments, PAID_EVENT, type FiatResult, type FiatOutcome, type FiatPaymentsOptions } from './payments/fiat-payments';
export { TaoDeposits, type DepositScanReport, type TaoDepositsOptions } from './payments/tao-deposits';
export { signatureHeader, verifyWebhookSignature, SIGNATURE_HEADER } from './payments/webhook-signature';
export { ModelStore, DEFAULT_MAX_MODEL_BYTES, sha256Hex, type StoredModel } from './models/model-store';
export { checkOnnxModel, ALLOWED_OPERATORS, type CheckedModel, type ValueInfo } from './models/onnx-check';
export { quote, DEFAULT_PRICES, VERIFICATION_LEVELS, MAX_INPUT_ELEMENTS, type Quote, type PriceList, type VerificationLevel, type InputShape } from './jobs/quote';
export { createGatewayHttp, listenGatewayHttp, MAX_JSON_BYTES, type GatewayHttpDeps, type GatewayHttpServer } from './http/server';
export { openApiDocument } from './http/openapi';
export { startGateway, type StartGatewayOptions, type RunningGateway } from './start-gateway';
export { Jobs, JOB_STATES, MAX_DEADLINE_MS, MIN_DEADLINE_MS, type Job, type JobState, type JobRequest } from './jobs/jobs';
export { decodeInputs, encodeTensors, decodeTensors, tensorsHash, tensorSchema, TENSOR_TYPES, MAX_INPUT_BYTES, type Tensor, type TensorType, type WireTensor } from './jobs/tensors';
export { meetsClass, classStrength, isGpuClassId } from './jobs/gpu-class-order';
export { eligibleMiners, DEFAULT_REPUTATION_WINDOW, type MinerView, type RankedMiner, type EligibilityOptions } from './scheduling/eligible-miners';
export { gatewayConfigSchema, gatewayEnvironment, parseFiatRates, type GatewayConfig } from './gateway-config';
export { createMinerJobClient, type MinerJobClientOptions } from './dispatch/miner-job-client';
export type { ExecuteJob, JobMiner, JobExecution, JobOutcome, MinerJobReceipt } from './dispatch/execute-job';
