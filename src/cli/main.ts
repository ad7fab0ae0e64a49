#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerBenchCommand } from './commands/bench';
import { registerDashboardCommand } from './commands/dashboard';
import { registerGatewayCommand } from './commands/gateway';
import { registerJobCommand } from './commands/job';
import { registerDevnetCommand } from './commands/devnet';
import { registerDemoCommand } from './commands/demo';
import { registerScoresCommand } from './commands/scores';
import { registerEconomyCommand } from './commands/economy';
import { registerMinerCommand } from './commands/miner';
import { registerValidatorCommand } from './commands/validator';
import { registerRegisterCommand } from './commands/register';
import { registerStakeCommand } from './commands/stake';
import { registerSubnetCommand } from './commands/subnet';
import { registerWalletCommand } from './commands/wallet';
import { reportFatal } from './report-fatal';

const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command()
    .name('pog')
    .description('pog-subnet: GPU compute proven by Proof-of-GPU, on a Bittensor-style subnet')
    .version(VERSION)
    // A usage error is one line on stderr, like every other error of the command.
    .configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (run with --help for usage)\n`) })
    .exitOverride();
  registerBenchCommand(program);
  registerDemoCommand(program);
  registerDevnetCommand(program);
  registerScoresCommand(program);
  registerEconomyCommand(program);
  registerWalletCommand(program);
  registerSubnetCommand(program);
  registerRegisterCommand(program);
  registerStakeCommand(program);
  registerMinerCommand(program);
  registerValidatorCommand(program);
  registerDashboardCommand(program);
  registerGatewayCommand(program);
  registerJobCommand(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
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
