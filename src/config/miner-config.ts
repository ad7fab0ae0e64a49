import { isIP } from 'node:net';
import { decodeAddress } from '@polkadot/util-crypto';
import { z } from 'zod';
import { chainEndpointSchema as endpoint, devUriSchema as devUri, logLevelSchema as logLevel } from './shared-schemas';
import { DEFAULT_CHAIN_ENDPOINT } from './chain-config';
import { environmentOf, fromCli } from './config-keys';

const ss58 = z.string().refine((v) => {
  try {
    return decodeAddress(v).length === 32;
  } catch {
    return false;
  }
}, 'must be an ss58 hotkey address');

const ipAddress = z.string().refine((v) => isIP(v) !== 0, 'must be an IPv4 or IPv6 address (host names are not resolved)');
const port = z.number().int().min(0).max(65535);

/**
 * `pog miner` settings: a config file, then POG_CHAIN / POG_MINER_* env, then flags. Wallet
 * flags (`--wallet.*`, `BT_WALLET_*`) are resolved separately, as for every chain command.
 */
export const minerConfigSchema = z
  .object({
    netuid: fromCli(z.number().int().min(0).max(65535).describe('the subnet the hotkey is registered on'), { env: 'POG_MINER_NETUID' }),
    chain: fromCli(endpoint.default(DEFAULT_CHAIN_ENDPOINT).describe('subtensor node WebSocket endpoint'), { env: 'POG_CHAIN', value: '<url>' }),
    connectAttempts: fromCli(z.number().int().min(1).max(100).default(5).describe('attempts for the first connection, with exponential backoff')),
    hotkeyUri: fromCli(devUri.optional().describe('dev chains only: use a dev key such as //Bob as the miner hotkey instead of the wallet hotkey'), { value: '<uri>' }),
    device: fromCli(z.enum(['cpu', 'cuda']).default('cpu').describe('execution provider challenges run on'), { env: 'POG_MINER_DEVICE', value: '<device>' }),
    deviceId: fromCli(z.number().int().min(0).max(63).default(0).describe('CUDA device ordinal')),
    threads: fromCli(z.number().int().min(1).max(256).optional().describe('onnxruntime intra-op threads'), { defaultText: 'all cores on cpu' }),
    axonHost: fromCli(z.string().min(1).default('0.0.0.0').describe('interface the axon listens on'), { flag: 'axon.host', value: '<address>' }),
    axonPort: fromCli(port.default(8091).describe('port the axon listens on (0: any free port)'), { flag: 'axon.port', env: 'POG_MINER_AXON_PORT' }),
    axonExternalIp: fromCli(ipAddress.optional().describe('address announced on chain'), { flag: 'axon.external-ip', env: 'POG_MINER_EXTERNAL_IP', value: '<ip>', defaultText: 'a detected non-loopback IPv4, else 0.0.0.0' }),
    axonExternalPort: fromCli(port.min(1).optional().describe('port announced on chain when it differs from the axon port (NAT)'), { flag: 'axon.external-port' }),
    allow: fromCli(z.array(ss58).max(1024).default([]).describe('hotkeys served besides validator-permit holders'), { env: 'POG_MINER_ALLOW', value: '<hotkey>' }),
    metagraphRefresh: fromCli(z.number().int().min(1).max(86_400).default(60).describe('seconds between metagraph refreshes'), { value: '<seconds>' }),
    queueSize: fromCli(z.number().int().min(0).max(1024).default(64).describe('challenges that may wait for the device, over all validators')),
    perValidator: fromCli(z.number().int().min(1).max(64).default(4).describe('challenges one validator may have running and waiting together (a validator keeps at most 4 unopened); more are answered 503 busy')),
    axonMaxPerAddress: fromCli(z.number().int().min(1).max(1024).default(8).describe('unauthenticated connections accepted from one address (an IPv6 /64)'), { flag: 'axon.max-per-address' }),
    axonHeadersTimeout: z.number().positive().max(60).default(3).describe('seconds a connection has to send complete request headers'),
    axonBodyTimeout: z.number().positive().max(300).default(5).describe('seconds a request has to send its whole body once its headers are in'),
    auditTtl: z.number().int().min(1).max(86_400).default(300).describe('seconds a commitment stays auditable'),
    // 8 = pog's MIN_COMMITMENTS_RETAINED (config imports nothing from pog; a test holds them equal).
    auditPerValidator: z.number().int().min(8).max(64).default(8).describe('most recent challenges kept per validator for audits (at least 8: a validator keeps up to 4 unopened)'),
    auditMaxMib: z.number().int().min(1).max(1 << 20).default(1024).describe('MiB of committed outputs held for audits, over all validators'),
    maxChallengeSeconds: z.number().positive().max(3600).default(30).describe('challenges estimated to take longer on this device (measured at start) are refused'),
    memoryFraction: z.number().gt(0).max(1).default(0.75).describe('share of the device memory one challenge may be estimated to need'),
    maxSkew: z.number().int().min(1).max(600).default(10).describe('seconds of clock difference accepted on signed requests'),
    warmup: fromCli(z.array(z.enum(['ci', 'demo', 'gpu'])).default([]).describe('presets (ci, demo, gpu) run once at start so their sessions are warm'), { value: '<preset>' }),
    stopGrace: z.number().int().min(0).max(3600).default(30).describe('seconds a running challenge may take to finish on SIGINT/SIGTERM'),
    // Compute-market jobs (docs/miner.md, "Jobs"); 64 MiB is src/protocol's MAX_MODEL_BYTES (config imports nothing from protocol).
    jobs: fromCli(z.boolean().default(true).describe('serve compute-market jobs (POST /job, POST /model) after challenges in the device queue'), {
      flag: 'no-jobs',
      help: 'serve no compute-market jobs (POST /job, POST /model answer 501 jobs_disabled)',
    }),
    jobsMaxModelMib: z.number().int().min(1).max(64).default(64).describe('largest job model accepted, MiB'),
    jobsCacheMib: fromCli(z.number().int().min(1).max(1 << 20).default(512).describe('MiB of job models held in memory, over all validators')),
    jobsCachePerValidatorMib: z.number().int().min(1).max(1 << 20).default(256).describe("MiB of job models one validator's uploads may hold"),
    jobsPerValidator: z.number().int().min(1).max(64).default(2).describe('jobs one validator may have running and waiting together; more are answered 503 busy'),
    jobsMaxQueued: z.number().int().min(1).max(1024).default(8).describe('jobs that may wait for the device, over all validators'),
    jobsMaxRunSeconds: z.number().int().min(1).max(600).default(60).describe('longest one job may hold the device'),
    logLevel: fromCli(logLevel.default('info').describe('log verbosity on stderr'), { value: '<level>' }),
  })
  .strict();

export type MinerConfig = z.infer<typeof minerConfigSchema>;

/** POG_CHAIN and POG_MINER_* → config keys. POG_MINER_ALLOW is comma-separated. */
export function minerEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof MinerConfig, unknown>> {
  return environmentOf(minerConfigSchema, env);
}
