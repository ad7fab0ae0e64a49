import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { demoConfigSchema, loadConfig, type DemoConfig } from '../../config';
import { runDemo, type DemoResult } from '../../demo';
import { createRootLogger } from '../../logging';
import { parseIntegerFlag } from '../parse-flags';

interface DemoFlags {
  dataDir?: string;
  reset?: boolean;
  port?: number;
  blockTime?: number;
  tempo?: number;
  untilScores?: boolean;
  dashboardPort?: number;
  config?: string;
  logLevel?: DemoConfig['logLevel'];
}

/** Runs the demo until it has printed scores (`--until-scores`) or until Ctrl-C / SIGTERM. */
export async function demoAction(flags: DemoFlags, io = { stdout: process.stdout }): Promise<DemoResult> {
  const config = loadConfig(demoConfigSchema, {
    file: flags.config,
    env: { dataDir: process.env.POG_DEMO_DATA_DIR },
    flags: {
      dataDir: flags.dataDir,
      reset: flags.reset,
      port: flags.port,
      blockTime: flags.blockTime,
      tempo: flags.tempo,
      untilScores: flags.untilScores,
      dashboardPort: flags.dashboardPort,
      logLevel: flags.logLevel,
    },
  });
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) process.exit(1); // a second Ctrl-C: leave at once
    io.stdout.write('pog demo: stopping\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await runDemo({
      dataDir: resolve(config.dataDir),
      reset: config.reset,
      port: config.port,
      blockTimeMs: config.blockTime,
      tempo: config.tempo,
      untilScores: config.untilScores,
      dashboardPort: config.dashboardPort,
      print: (text) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
      signal: stop.signal,
      logger: createRootLogger({ level: config.logLevel }),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('see it work on one machine: a dev chain, a subnet, three CPU miners (honest, throttled, cheating) and a validator; prints the scores read from the chain and serves the dashboard')
    .option('--data-dir <dir>', 'where the demo keeps its chain and state (default: .pog/demo)')
    .option('--reset', 'start over: delete the data directory first')
    .addOption(new Option('--port <n>', 'devnet JSON-RPC port (default: 9944; 0 = any free port)').argParser(parseIntegerFlag('--port')))
    .addOption(new Option('--block-time <ms>', 'milliseconds between blocks (default: 500)').argParser(parseIntegerFlag('--block-time')))
    .addOption(new Option('--tempo <blocks>', 'subnet tempo in blocks (default: 10)').argParser(parseIntegerFlag('--tempo')))
    .option('--until-scores', 'exit once the first scores table is printed')
    .addOption(new Option('--dashboard-port <n>', 'dashboard port (default: 9180; 0 = any free port)').argParser(parseIntegerFlag('--dashboard-port')))
    .option('--config <file>', 'JSON file with the same keys as the flags')
    .addOption(new Option('--log-level <level>', 'log verbosity on stderr (default: warn)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .addHelpText('after', '\nCtrl-C stops everything cleanly; a second run reuses the chain in --data-dir (or --reset starts over). See docs/demo.md.')
    .action(async (flags: DemoFlags) => {
      await demoAction(flags);
      // Chain and HTTP clients may hold short timers after closing; the demo is done.
      setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
    });
}
