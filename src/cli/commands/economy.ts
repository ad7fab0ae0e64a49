import { Command, Option } from 'commander';
import { loadConfig } from '../../config';
import {
  economyConfigSchema,
  formatSimulationSummary,
  renderEconomyChart,
  simulateBurnAndMint,
  summariseSimulation,
  writeChartFile,
  type SimulationResult,
} from '../../economy';
import { parseIntegerFlag } from '../parse-flags';

interface EconomySimulateFlags {
  days?: number;
  seed?: number;
  json?: boolean;
  chart?: string;
  config?: string;
}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `pog economy simulate`: runs the burn-and-mint model (defaults: the seed's reference
 * scenario, then --config FILE, then the flags), writes the chart if asked, then prints a table
 * or one JSON object. The chart is written before anything goes to stdout, so a failed write
 * leaves stdout empty.
 */
export function economySimulateAction(flags: EconomySimulateFlags, io: Io = { stdout: process.stdout, stderr: process.stderr }): SimulationResult {
  const config = loadConfig(economyConfigSchema, { file: flags.config, flags: { days: flags.days, seed: flags.seed } });
  const result = simulateBurnAndMint(config);
  const summary = summariseSimulation(result);
  if (flags.chart) {
    writeChartFile(flags.chart, renderEconomyChart(result));
    io.stderr.write(`pog economy: chart written to ${flags.chart}\n`);
  }
  if (flags.json) {
    const { config: used, derived, series, final } = result;
    io.stdout.write(`${JSON.stringify({ config: used, derived, summary, final, series })}\n`);
  } else {
    io.stdout.write(formatSimulationSummary(summary));
  }
  return result;
}

export function registerEconomyCommand(program: Command): void {
  const economy = program.command('economy').description('token economy models of the subnet');
  economy
    .command('simulate')
    .description('simulate the burn-and-mint equilibrium model day by day (supply, token price, token and dollar reserves, buybacks, emissions)')
    .addOption(new Option('--days <n>', 'days to simulate (default: 180, the reference scenario)').argParser(parseIntegerFlag('--days')))
    .addOption(new Option('--seed <n>', 'PRNG seed, 0..4294967295; the same seed gives the same run (default: 1)').argParser(parseIntegerFlag('--seed')))
    .option('--json', 'print one JSON object (config, derived parameters, summary, final state and every daily series) instead of a table')
    .option('--chart <file>', 'write an SVG chart of supply, token price and both reserves to FILE')
    .option('--config <file>', 'JSON file with model parameters (the keys of economyConfigSchema: buybackModulation, consumers, …)')
    .addHelpText(
      'after',
      '\nThe defaults are the ChainOpera reference scenario: 180 days, phase 1 = 30 days, the job cost table.\n' +
        'The model, every equation and the parameters are described in docs/economy-simulator.md.',
    )
    .action((flags: EconomySimulateFlags) => {
      economySimulateAction(flags);
    });
}
