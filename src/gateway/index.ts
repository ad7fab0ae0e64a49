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
  MinerAnswerError,
  ResultNotReadyError,
  TooManyOpenJobsError,
} from './errors';
export { FiatPayments, PAID_EVENT, type FiatResult, type FiatOutcome, type FiatPaymentsOptions } from './payments/fiat-payments';
export { TaoDeposits, type DepositScanReport, type TaoDepositsOptions } from './payments/tao-deposits';
export { signatureHeader, verifyWebhookSignature, SIGNATURE_HEADER } from './payments/webhook-signature';
export { ModelStore, DEFAULT_MAX_MODEL_BYTES, sha256Hex, type StoredModel } from './models/model-store';
export { checkOnnxModel, ALLOWED_OPERATORS, type CheckedModel, type ValueInfo } from './models/onnx-check';
export { quote, DEFAULT_PRICES, VERIFICATION_LEVELS, MAX_INPUT_ELEMENTS, type Quote, type PriceList, type VerificationLevel, type InputShape } from './jobs/quote';
export { createGatewayHttp, listenGatewayHttp, MAX_JSON_BYTES, MAX_JOB_BODY_BYTES, type GatewayHttpDeps, type GatewayHttpServer } from './http/server';
export { openApiDocument } from './http/openapi';
export { startGateway, type StartGatewayOptions, type RunningGateway, type GatewayDispatch } from './start-gateway';
export { Jobs, JOB_STATES, MAX_DEADLINE_MS, MIN_DEADLINE_MS, DEFAULT_MAX_OPEN_JOBS, type Job, type JobState, type JobRequest, type Lease, type WithinSettlement } from './jobs/jobs';
export { JobResults, jobView, type JobView } from './jobs/job-results';
export { Dispatcher, type DispatcherOptions } from './dispatch/dispatcher';
export type { ExecuteJob, JobMiner, JobExecution, JobOutcome, MinerJobReceipt } from './dispatch/execute-job';
export type { MinerDirectory, DirectoryMiner } from './dispatch/miner-directory';
export { JobRuns, type JobRun, type OkRun, type RunState } from './dispatch/job-runs';
export { runOnMiner, MAX_OUTPUT_BYTES } from './dispatch/run-on-miner';
export { outputsDiffer, groupAgreeing, FLOAT_TOLERANCES, type Tolerance } from './dispatch/compare-outputs';
export { signGatewayReceipt, verifyGatewayReceipt, RECEIPT_FORMAT, type GatewayReceipt, type GatewayReceiptBody, type ReceiptRun } from './dispatch/gateway-receipt';
export { settleDelivered, jobRevenueId } from './dispatch/settle';
export { MinerOutcomes } from './scheduling/miner-outcomes';
export { RevenueOutbox, JOB_REVENUE_SOURCE, BOND_REVENUE_SOURCE, type ExportReport } from './settlement/revenue-outbox';
export { Bonds, bondRevenueId, type BondBalance } from './settlement/bonds';
export { decodeInputs, encodeTensors, decodeTensors, tensorsHash, tensorSchema, TENSOR_TYPES, MAX_INPUT_BYTES, type Tensor, type TensorType, type WireTensor } from './jobs/tensors';
export { meetsClass, classStrength, isGpuClassId } from './jobs/gpu-class-order';
export { eligibleMiners, DEFAULT_REPUTATION_WINDOW, type MinerView, type RankedMiner, type EligibilityOptions } from './scheduling/eligible-miners';
export { gatewayConfigSchema, gatewayEnvironment, parseFiatRates, type GatewayConfig } from './gateway-config';
export { createMinerJobClient, type MinerJobClientOptions } from './dispatch/miner-job-client';
export { BuyerClient, GatewayRequestError, type SubmitJobInput, type QuoteAnswer, type JobAnswer } from './client/buyer-client';
export { validatorDirectory, type ValidatorDirectoryOptions } from './dispatch/validator-directory';
