import { z } from 'zod';
import { environmentOf, fromCli } from './config-keys';
import { logLevelSchema } from './shared-schemas';

/** `pog devnet` settings: a config file, then POG_DEVNET_* env, then flags. */
export const devnetConfigSchema = z
  .object({
    host: fromCli(z.string().min(1).default('127.0.0.1').describe('interface to listen on (keep it local: the dev chain has no authentication)'), { value: '<address>' }),
    port: fromCli(z.number().int().min(0).max(65535).default(9944).describe('JSON-RPC port, WebSocket and HTTP (0: any free port)'), { env: 'POG_DEVNET_PORT' }),
    dataDir: fromCli(z.string().min(1).optional().describe('persist blocks here and resume from them on restart'), { env: 'POG_DEVNET_DATA_DIR', value: '<dir>', defaultText: 'in memory' }),
    reset: fromCli(z.boolean().default(false).describe('delete the chain in --data-dir before starting')),
    blockTime: fromCli(z.number().int().min(10).max(600_000).default(1000).describe('milliseconds between blocks'), { value: '<ms>' }),
    instant: fromCli(z.boolean().default(false).describe('build a block as soon as a transaction arrives, none otherwise (for tests and demos)')),
    withoutCalls: fromCli(
      z
        .array(z.string().regex(/^[A-Za-z]+\.[a-z0-9_]+$/, 'Pallet.call_name'))
        .default([])
        .describe('leave this call out of the metadata, to act as an older subtensor runtime (e.g. SubtensorModule.add_stake_burn, absent on spec 293)'),
      { flag: 'without-call', value: '<Pallet.call>' },
    ),
    logLevel: fromCli(logLevelSchema.default('info').describe('log verbosity on stderr'), { value: '<level>' }),
    // RPC limits, named as Substrate's flags; omitted ones take RPC_DEFAULTS (docs/devnet.md, "RPC limits").
    rpcCors: fromCli(z.string().min(1).optional().describe('browser origins allowed to use the RPC: "all" or a comma-separated list'), { value: '<origins>', defaultText: 'http(s)://localhost:*, http(s)://127.0.0.1:*, https://polkadot.js.org' }),
    rpcMaxConnections: fromCli(z.number().int().min(1).max(100_000).optional().describe('concurrent RPC connections, HTTP and WebSocket'), { defaultText: '100' }),
    rpcMaxConnectionsPerIp: fromCli(z.number().int().min(1).max(100_000).optional().describe('concurrent RPC connections from one address'), { defaultText: '64' }),
    rpcMaxRequestSize: fromCli(z.number().int().min(1).max(1024).optional().describe('largest request, in MiB'), { value: '<MiB>', defaultText: '15' }),
    rpcMaxResponseSize: fromCli(z.number().int().min(1).max(1024).optional().describe('largest response, or batch of responses, in MiB'), { value: '<MiB>', defaultText: '15' }),
    rpcMaxSubscriptionsPerConnection: fromCli(z.number().int().min(1).max(1_000_000).optional().describe('subscriptions per connection'), { defaultText: '1024' }),
    rpcMaxBatchRequestLen: fromCli(z.number().int().min(1).max(1_000_000).optional().describe('requests per batch'), { defaultText: '1000' }),
  })
  .strict();

export type DevnetConfig = z.infer<typeof devnetConfigSchema>;

/** POG_DEVNET_PORT and POG_DEVNET_DATA_DIR → config keys. */
export function devnetEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof DevnetConfig, unknown>> {
  return environmentOf(devnetConfigSchema, env);
}
