/**
 * The miner service: the axon (HTTP, signed requests and responses), the capacity probe,
 * challenge scheduling and handling, registration checks and serve_axon. See docs/miner.md.
 */
export { MinerError, NotRegisteredError, DeviceBusyError, QueueAbortedError, MinerStoppingError, RunDeadlineError } from './errors';
export { Rejection, ClientGoneError } from './http/rejection';
export { Refusal, type RefusalReason } from './refusal';
export { REFUSAL_STATUS } from './http/refusal-status';
export { AxonServer, ROUTES, MAX_MODEL_BODIES_IN_FLIGHT, type AxonServerOptions } from './http/axon-server';
export { ConnectionGuard, DEFAULT_CONNECTION_LIMITS, addressKey, type ConnectionLimits, type GuardReason } from './http/connection-guard';
export { ChallengeService, type ChallengeServiceOptions, type ChallengeOutcome, type RunWorkload } from './challenge-service';
export { checkWorkBounds, deviceMemoryBytes, DEFAULT_MAX_CHALLENGE_SECONDS, DEFAULT_MEMORY_FRACTION, DEADLINE_FACTOR, MIN_DEADLINE_MS, type WorkBoundsOptions, type BrokenBound, type AcceptedWork } from './work-bounds';
export { measureThroughput, type MeasureThroughputOptions, type ThroughputMeasurement } from './capacity/measure-throughput';
export { DeviceQueue, DEFAULT_PER_OWNER, UNKNOWN_STAKE_PRIORITY, type DeviceSlot, type AcquireOptions, type DeviceQueueState } from './scheduling/device-queue';
export { CommittedChallenges, committedBytes, type CommittedChallenge, type CommittedChallengesOptions } from './scheduling/committed-challenges';
export { ValidatorAccess, type MetagraphView, type AccessGrant } from './access/validator-access';
export { MetagraphRefresher, type MetagraphRefresherOptions } from './access/metagraph-refresher';
export { MetricsRegistry, Counter, Gauge, Histogram, PROMETHEUS_CONTENT_TYPE, escapeLabelValue } from '../base';
export { createMinerMetrics, type MinerMetrics } from './metrics/miner-metrics';
export { parseNvidiaSmiCsv, probeNvidiaGpus, execFileText, NVIDIA_SMI_ARGS, NVIDIA_SMI_FIELDS, type GpuInfo, type GpuProbe, type ExecFn } from './capacity/nvidia-smi';
export { cpuInfo, onnxruntimeVersion, type CpuInfo } from './capacity/system-info';
export { probeCapacity, describeCapacity, MINER_VERSION, type CapacityReport, type ProbeCapacityOptions, type ProviderStatus } from './capacity/probe-capacity';
export { MinerNode, DEFAULT_AUDIT_RETENTION, DEFAULT_QUEUE_SIZE, UNMEASURED_THROUGHPUT, type MinerNodeOptions, type AuditRetention } from './miner-node';
export { chooseExternalIp, type ExternalIp } from './external-ip';
export { checkRegistration, describeServe, ensureAxonServed, versionAsInt, AXON_PROTOCOL, type ServeResult } from './chain/registration';
export { startMiner, type StartMinerOptions, type RunningMiner } from './start-miner';
export { JobService, JOB_PRIORITY, jobQueueOwner, type JobServiceOptions } from './jobs/job-service';
export { ModelCache, type CachedModel } from './jobs/model-cache';
export { jobBounds, DEFAULT_JOB_BOUNDS, type JobBounds } from './jobs/job-bounds';
export type { JobModelRunner } from './jobs/job-runner';
