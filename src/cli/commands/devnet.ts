import type { Command } from 'commander';
import { devnetConfigSchema, devnetEnvironment, loadConfig, type DevnetConfig } from '../../config';
import { createRootLogger } from '../../logging';
import { startDevnet, type RunningDevnet } from '../../chain/devnet';
import { parseCors } from '../../chain/devnet';
import { ConfigOptions } from '../flags/config-options';

/** The dev chain's flags, generated from its config schema (src/config/devnet-config.ts). */
const DEVNET_OPTIONS = new ConfigOptions(devnetConfigSchema);

type DevnetFlags = Record<string, unknown> & { config?: string };

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

/** Starts the dev chain and prints its endpoint; resolves once it is serving. */
export async function devnetAction(flags: DevnetFlags, io = { stdout: process.stdout, stderr: process.stderr }): Promise<RunningDevnet> {
  const config = loadConfig(devnetConfigSchema, { file: flags.config, env: devnetEnvironment(process.env), flags: DEVNET_OPTIONS.values(flags) });
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
  const command = program
    .command('devnet')
    .description('run the embedded subtensor dev chain: a local Substrate JSON-RPC node that @polkadot/api, miners and validators use like subtensor')
    .option('--config <file>', 'JSON file with the same keys as the flags');
  DEVNET_OPTIONS.addTo(command)
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
