import { z } from 'zod';
import { logLevelSchema } from './shared-schemas';

/** `pog devnet` settings: a config file, then POG_DEVNET_* env, then flags. */
export const devnetConfigSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1').describe('interface to listen on (keep it local: the dev chain has no authentication)'),
    port: z.number().int().min(0).max(65535).default(9944).describe('JSON-RPC port (WebSocket and HTTP); 0 picks a free one'),
    dataDir: z.string().min(1).optional().describe('directory where blocks persist; in-memory when omitted'),
    reset: z.boolean().default(false).describe('delete the chain in the data directory first'),
    blockTime: z.number().int().min(10).max(600_000).default(1000).describe('milliseconds between blocks'),
    instant: z.boolean().default(false).describe('build a block as soon as a transaction arrives, none otherwise'),
    withoutCalls: z
      .array(z.string().regex(/^[A-Za-z]+\.[a-z0-9_]+$/, 'Pallet.call_name'))
      .default([])
      .describe('calls left out of the metadata, to act as an older subtensor runtime (e.g. SubtensorModule.add_stake_burn)'),
    logLevel: logLevelSchema.default('info'),
    // RPC limits, named as Substrate's flags; omitted ones take RPC_DEFAULTS (docs/devnet.md, "RPC limits").
    rpcCors: z.string().min(1).optional().describe('browser origins allowed: "all" or a comma-separated list (default: localhost, 127.0.0.1, polkadot.js.org)'),
    rpcMaxConnections: z.number().int().min(1).max(100_000).optional().describe('concurrent RPC connections, HTTP and WebSocket (default 100)'),
    rpcMaxConnectionsPerIp: z.number().int().min(1).max(100_000).optional().describe('concurrent RPC connections from one address (default 64)'),
    rpcMaxRequestSize: z.number().int().min(1).max(1024).optional().describe('largest request in MiB (default 15)'),
    rpcMaxResponseSize: z.number().int().min(1).max(1024).optional().describe('largest response, or batch of responses, in MiB (default 15)'),
    rpcMaxSubscriptionsPerConnection: z.number().int().min(1).max(1_000_000).optional().describe('subscriptions per connection (default 1024)'),
    rpcMaxBatchRequestLen: z.number().int().min(1).max(1_000_000).optional().describe('requests per batch (default 1000)'),
  })
  .strict();

export type DevnetConfig = z.infer<typeof devnetConfigSchema>;
