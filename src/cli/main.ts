#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { reportFatal } from './report-fatal';

const VERSION = '0.1.0';

type Register = (program: Command) => void;

/**
 * Every command's module, loaded on demand: a process loads only the command it runs, so
 * `pog devnet` starts without loading the gateway, the miner's onnxruntime or the validator.
 * The order is the order of `pog --help`.
 */
// require, not import(): synchronous, and the same in the compiled CLI and under ts-jest.
const COMMANDS: Readonly<Record<string, () => Register>> = {
  bench: () => (require('./commands/bench') as typeof import('./commands/bench')).registerBenchCommand,
  demo: () => (require('./commands/demo') as typeof import('./commands/demo')).registerDemoCommand,
  devnet: () => (require('./commands/devnet') as typeof import('./commands/devnet')).registerDevnetCommand,
  scores: () => (require('./commands/scores') as typeof import('./commands/scores')).registerScoresCommand,
  economy: () => (require('./commands/economy') as typeof import('./commands/economy')).registerEconomyCommand,
  wallet: () => (require('./commands/wallet') as typeof import('./commands/wallet')).registerWalletCommand,
  subnet: () => (require('./commands/subnet') as typeof import('./commands/subnet')).registerSubnetCommand,
  register: () => (require('./commands/register') as typeof import('./commands/register')).registerRegisterCommand,
  stake: () => (require('./commands/stake') as typeof import('./commands/stake')).registerStakeCommand,
  miner: () => (require('./commands/miner') as typeof import('./commands/miner')).registerMinerCommand,
  validator: () => (require('./commands/validator') as typeof import('./commands/validator')).registerValidatorCommand,
  dashboard: () => (require('./commands/dashboard') as typeof import('./commands/dashboard')).registerDashboardCommand,
  gateway: () => (require('./commands/gateway') as typeof import('./commands/gateway')).registerGatewayCommand,
  job: () => (require('./commands/job') as typeof import('./commands/job')).registerJobCommand,
};

/** The command named in `argv` alone, or all of them (top-level help, a typo commander should name). */
function commandsFor(argv: readonly string[]): string[] {
  const name = argv.slice(2).find((arg) => !arg.startsWith('-'));
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? [name] : Object.keys(COMMANDS);
}

export function buildProgram(argv: readonly string[] = process.argv): Command {
  const program = new Command()
    .name('pog')
    .description('pog-subnet: GPU compute proven by Proof-of-GPU, on a Bittensor-style subnet')
    .version(VERSION)
    // A usage error is one line on stderr, like every other error of the command.
    .configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (run with --help for usage)\n`) })
    .exitOverride();
  for (const name of commandsFor(argv)) COMMANDS[name]!()(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram(argv).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; anything commander rejects is bad input: exit code 2.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.exitCode = reportFatal(error);
  }
}

if (require.main === module) {
  // `pog … | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  void main(process.argv);
}
