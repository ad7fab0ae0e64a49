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
import {
  BOOKS_OPTIONS,
  booksAction,
  BUYBACK_OPTIONS,
  buybackAction,
  RECORD_OPTIONS,
  recordAction,
  REVENUE_OPTIONS,
  revenueAddAction,
  type LedgerFlags,
} from '../economy/ledger-commands';
import { CHAIN_HELP, chainOptions, promptAction } from './chain-command';

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
  registerLedgerCommands(economy);
}

const LEDGER_HELP =
  'The ledger lives in --ledger-dir (env POG_LEDGER_DIR; default ~/.pog/economy-ledger): an append-only journal,\n' +
  'fsync\'d on every entry, and a lock file. See docs/economy-ledger.md.';

/** `pog economy revenue add`, `buyback`, `record`, `books`: the buyback-and-burn ledger. */
function registerLedgerCommands(economy: Command): void {
  const revenue = economy.command('revenue').description('revenue that the buyback turns into burned alpha');
  chainOptions(
    revenue.command('add').description('record revenue in the ledger (USD at an explicit USD/TAO rate, or TAO); with --buyback, buy back and burn at once'),
    REVENUE_OPTIONS,
  )
    .addHelpText('after', `\n${LEDGER_HELP}\n${CHAIN_HELP}\n\nExamples:\n  pog economy revenue add --usd 120 --rate 400 --source api --id invoice-17\n  pog economy revenue add --tao 2 --buyback --netuid 1 --coldkey-uri //Alice`)
    .action(promptAction((flags: LedgerFlags) => revenueAddAction(flags)));

  chainOptions(
    economy
      .command('buyback')
      .description('settle buyback orders left in flight, then buy back and burn the un-spent revenue with add_stake_burn (once per subnet tempo)'),
    BUYBACK_OPTIONS,
  )
    .addHelpText(
      'after',
      `\nOnly the subnet owner's coldkey may call add_stake_burn, at most once per tempo; revenue that cannot be spent\nnow stays queued and the command says from which block the next buyback may run.\n${LEDGER_HELP}\n${CHAIN_HELP}\n\nExample:\n  pog economy buyback --netuid 1 --coldkey-uri //Alice`,
    )
    .action(promptAction((flags: LedgerFlags) => buybackAction(flags)));

  chainOptions(economy.command('record').description('close the accounting epoch at the finalized head and publish its record on chain (System.remark_with_event)'), RECORD_OPTIONS)
    .addHelpText('after', `\nThe record is canonical JSON; the chain emits System.Remarked(coldkey, blake2_256(json)). A copy is kept in\n<ledger-dir>/records/record-<n>.json.\n${LEDGER_HELP}\n${CHAIN_HELP}`)
    .action(promptAction((flags: LedgerFlags) => recordAction(flags)));

  BOOKS_OPTIONS.addTo(
    economy
      .command('books')
      .description('list revenue, buyback orders, burns and records with their totals, and check them against the chain\'s events (exit code 1 on a mismatch)'),
  )
    .option('--config <file>', 'JSON file with the same keys as the flags')
    .addHelpText(
      'after',
      '\nMismatches: a confirmed burn missing on chain or with other amounts, an AddStakeBurn by the ledger\'s coldkey that\n' +
        'no order accounts for, a record whose Remarked hash or local copy differs.\n' +
        LEDGER_HELP,
    )
    .action(promptAction((flags: LedgerFlags) => booksAction(flags)));
}
