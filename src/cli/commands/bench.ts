import { cpus } from 'node:os';
import { Command, Option } from 'commander';
import { benchConfigSchema, loadConfig, type BenchConfig } from '../../config';
import { createRootLogger } from '../../logging';
import { runPogBench, type PogBenchReport } from '../../pog';
import { preset } from '../../pog';
import { formatBenchReport } from '../format-bench-report';
import { parseIntegerFlag } from '../parse-flags';

interface BenchFlags {
  device?: 'cpu' | 'cuda';
  deviceId?: number;
  preset?: 'ci' | 'demo' | 'gpu';
  datapath?: 'fp32' | 'tf32' | 'fp16';
  threads?: number;
  repeat?: number;
  json?: boolean;
  config?: string;
  logLevel?: BenchConfig['logLevel'];
}

/** POG_BENCH_* environment variables, mapped to config keys. */
function benchEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof BenchConfig, unknown>> {
  return {
    device: env.POG_BENCH_DEVICE,
    preset: env.POG_BENCH_PRESET,
    threads: env.POG_BENCH_THREADS === undefined ? undefined : Number(env.POG_BENCH_THREADS),
  };
}

export async function benchAction(flags: BenchFlags, io = { stdout: process.stdout, stderr: process.stderr }): Promise<PogBenchReport> {
  const config = loadConfig(benchConfigSchema, {
    file: flags.config,
    env: benchEnvironment(process.env),
    flags: { device: flags.device, deviceId: flags.deviceId, preset: flags.preset, datapath: flags.datapath, threads: flags.threads, repeat: flags.repeat, json: flags.json, logLevel: flags.logLevel },
  });
  const logger = createRootLogger({ level: config.logLevel });
  logger.debug({ config }, 'pog bench configuration');
  const presetName = config.preset ?? (config.device === 'cuda' ? 'gpu' : 'demo');
  const params = preset(presetName, config.datapath ? { datapath: config.datapath } : {});
  const threads = config.threads ?? (config.device === 'cpu' ? cpus().length : undefined);
  const report = await runPogBench({
    device: config.device,
    deviceId: config.deviceId,
    params,
    threads,
    repeat: config.repeat,
    logger: logger.child({ module: 'runner' }),
    onProgress: (line) => io.stderr.write(`pog bench: ${line}\n`),
  });
  io.stdout.write(config.json ? `${JSON.stringify(report)}\n` : formatBenchReport(report, presetName));
  return report;
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('run the PoG workload locally as a miner would before going live, and report throughput, efficiency, class and verification cost')
    .addOption(new Option('--device <device>', 'execution provider').choices(['cpu', 'cuda']))
    .addOption(new Option('--device-id <n>', 'CUDA device ordinal').argParser(parseIntegerFlag('--device-id')))
    .addOption(new Option('--preset <name>', 'workload parameter set (default: demo on cpu, gpu on cuda)').choices(['ci', 'demo', 'gpu']))
    .addOption(new Option('--datapath <datapath>', 'numeric datapath (default: the preset\'s)').choices(['fp32', 'tf32', 'fp16']))
    .addOption(new Option('--threads <n>', 'onnxruntime intra-op threads (default: all cores)').argParser(parseIntegerFlag('--threads')))
    .addOption(new Option('--repeat <n>', 'timed runs; medians are reported (default: 3)').argParser(parseIntegerFlag('--repeat')))
    .option('--json', 'print one JSON object (gflops, referenceGflops, efficiency, class, verifyMs, …) instead of a table')
    .option('--config <file>', 'JSON file with the same keys as the flags')
    .addOption(new Option('--log-level <level>', 'log verbosity on stderr (default: warn)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .addHelpText(
      'after',
      '\nProgress goes to stderr, results to stdout. Environment: POG_BENCH_DEVICE, POG_BENCH_PRESET, POG_BENCH_THREADS.\n' +
        'On a GPU host, run `npm run setup:cuda` once to install the CUDA execution provider.',
    )
    .action(async (flags: BenchFlags) => {
      await benchAction(flags);
    });
}
