import { Command, Option } from 'commander';
import { devnetConfigSchema, loadConfig, type DevnetConfig } from '../../config';
import { createRootLogger } from '../../logging';
import { startDevnet, type RunningDevnet } from '../../chain/devnet';
import { parseCors } from '../../chain/devnet';
import { parseIntegerFlag } from '../parse-flags';

interface DevnetFlags {
  host?: string;
  port?: number;
  dataDir?: string;
  reset?: boolean;
  blockTime?: number;
  instant?: boolean;
  withoutCall?: string[];
  config?: string;
  logLevel?: DevnetConfig['logLevel'];
  rpcCors?: string;
  rpcMaxConnections?: number;
  rpcMaxConnectionsPerIp?: number;
  rpcMaxRequestSize?: number;
  rpcMaxResponseSize?: number;
  rpcMaxSubscriptionsPerConnection?: number;
  rpcMaxBatchRequestLen?: number;
}

const MiB = 1024 * 1024;

/** The RPC server options the config asks for; omitted ones keep RPC_DEFAULTS. */
function rpcOptions(config: DevnetConfig) {
  return {
    origins: config.rpcCors === undefined ? undefined : parseCors(config.rpcCors),
    maxConnections: config.rpcMaxConnections,
    maxConnectionsPerAddress: config.rpcMaxConnectionsPerIp,
    maxPayloadBytes: config.rpcMaxRequestSize === undefined ? undefined : config.rpcMaxRequestSize * MiB,
    maxResponseBytes: config.rpcMaxResponseSize === undefined ? undefined : config.rpcMaxResponseSize * MiB,
    maxSubscriptionsPerConnection: config.rpcMaxSubscriptionsPerConnection,
    maxBatchRequestLen: config.rpcMaxBatchRequestLen,
  };
}

function devnetEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof DevnetConfig, unknown>> {
  return {
    port: env.POG_DEVNET_PORT === undefined ? undefined : Number(env.POG_DEVNET_PORT),
    dataDir: env.POG_DEVNET_DATA_DIR,
  };
}

/** Starts the dev chain and prints its endpoint; resolves once it is serving. */
export async function devnetAction(flags: DevnetFlags, io = { stdout: process.stdout, stderr: process.stderr }): Promise<RunningDevnet> {
  const config = loadConfig(devnetConfigSchema, {
    file: flags.config,
    env: devnetEnvironment(process.env),
    flags: {
      host: flags.host,
      port: flags.port,
      dataDir: flags.dataDir,
      reset: flags.reset,
      blockTime: flags.blockTime,
      instant: flags.instant,
      withoutCalls: flags.withoutCall,
      logLevel: flags.logLevel,
      rpcCors: flags.rpcCors,
      rpcMaxConnections: flags.rpcMaxConnections,
      rpcMaxConnectionsPerIp: flags.rpcMaxConnectionsPerIp,
      rpcMaxRequestSize: flags.rpcMaxRequestSize,
      rpcMaxResponseSize: flags.rpcMaxResponseSize,
      rpcMaxSubscriptionsPerConnection: flags.rpcMaxSubscriptionsPerConnection,
      rpcMaxBatchRequestLen: flags.rpcMaxBatchRequestLen,
    },
  });
  const logger = createRootLogger({ level: config.logLevel });
  const started = Date.now();
  const devnet = await startDevnet({
    host: config.host,
    port: config.port,
    dataDir: config.dataDir,
    reset: config.reset,
    blockTimeMs: config.blockTime,
    instant: config.instant,
    omitCalls: config.withoutCalls,
    logger,
    rpc: rpcOptions(config),
  });
  const head = devnet.node.bestBlock();
  io.stdout.write(
    `pog devnet: ${devnet.url} (genesis ${devnet.node.genesisHash.slice(0, 18)}…, head #${head.number}, ` +
      `${config.instant ? 'instant blocks' : `a block every ${config.blockTime} ms`}, ` +
      `${devnet.dataDir ? `data in ${devnet.dataDir}` : 'in memory'}; ready in ${Date.now() - started} ms)\n`,
  );
  return devnet;
}

export function registerDevnetCommand(program: Command): void {
  program
    .command('devnet')
    .description('run the embedded subtensor dev chain: a local Substrate JSON-RPC node that @polkadot/api, miners and validators use like subtensor')
    .addOption(new Option('--port <n>', 'JSON-RPC port, WebSocket and HTTP (default: 9944; 0 = any free port)').argParser(parseIntegerFlag('--port')))
    .option('--host <address>', 'interface to listen on (default: 127.0.0.1)')
    .option('--data-dir <dir>', 'persist blocks here and resume from them on restart (default: in memory)')
    .option('--reset', 'delete the chain in --data-dir before starting')
    .addOption(new Option('--block-time <ms>', 'milliseconds between blocks (default: 1000)').argParser(parseIntegerFlag('--block-time')))
    .option('--instant', 'build a block as soon as a transaction arrives (for tests and demos)')
    .option(
      '--without-call <Pallet.call>',
      'leave this call out of the metadata, to act as an older subtensor runtime (repeatable; e.g. SubtensorModule.add_stake_burn, absent on spec 293)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--config <file>', 'JSON file with the same keys as the flags')
    .option('--rpc-cors <origins>', 'browser origins allowed to use the RPC: "all" or a comma-separated list (default: http(s)://localhost:*, http(s)://127.0.0.1:*, https://polkadot.js.org)')
    .addOption(new Option('--rpc-max-connections <n>', 'concurrent RPC connections, HTTP and WebSocket (default: 100)').argParser(parseIntegerFlag('--rpc-max-connections')))
    .addOption(new Option('--rpc-max-connections-per-ip <n>', 'concurrent RPC connections from one address (default: 64)').argParser(parseIntegerFlag('--rpc-max-connections-per-ip')))
    .addOption(new Option('--rpc-max-request-size <MiB>', 'largest request (default: 15)').argParser(parseIntegerFlag('--rpc-max-request-size')))
    .addOption(new Option('--rpc-max-response-size <MiB>', 'largest response, or batch of responses (default: 15)').argParser(parseIntegerFlag('--rpc-max-response-size')))
    .addOption(
      new Option('--rpc-max-subscriptions-per-connection <n>', 'subscriptions per connection (default: 1024)').argParser(parseIntegerFlag('--rpc-max-subscriptions-per-connection')),
    )
    .addOption(new Option('--rpc-max-batch-request-len <n>', 'requests per batch (default: 1000)').argParser(parseIntegerFlag('--rpc-max-batch-request-len')))
    .addOption(new Option('--log-level <level>', 'log verbosity on stderr (default: info)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .addHelpText(
      'after',
      '\nGenesis: //Alice is sudo; //Alice, //Bob, //Charlie hold 1,000,000 TAO, //Dave, //Eve, //Ferdie 2,000 TAO; the root subnet exists and\n' +
        'the first subnet you register is netuid 1. Stop with Ctrl-C. Environment: POG_DEVNET_PORT, POG_DEVNET_DATA_DIR.',
    )
    .action(async (flags: DevnetFlags) => {
      const devnet = await devnetAction(flags);
      await new Promise<void>((resolveStop) => {
        const stop = (): void => {
          process.stderr.write('pog devnet: stopping\n');
          void devnet.close().then(resolveStop);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
