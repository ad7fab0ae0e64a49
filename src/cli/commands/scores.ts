import { Command, Option } from 'commander';
import { chainEnvironment, loadConfig, scoresConfigSchema } from '../../config';
import { formatScores, readScores, type ScoresTable } from '../../scores';
import { parseIntegerFlag } from '../parse-flags';
import { chainFlagValues, processIo, promptAction, toJson, withChainClient, type ChainFlags, type ChainIo } from './chain-command';

interface ScoresFlags extends ChainFlags {
  netuid?: number;
}

/** `pog scores`: the subnet's miners, their measured throughput and class from published evidence, weights and incentive. */
export async function scoresAction(flags: ScoresFlags, io: ChainIo = processIo()): Promise<ScoresTable> {
  const config = loadConfig(scoresConfigSchema, { file: flags.config, env: chainEnvironment(io.env), flags: { ...chainFlagValues(flags), netuid: flags.netuid } });
  return withChainClient(config, async (client) => {
    const table = await readScores(client, config.netuid);
    io.stdout.write(config.json ? `${toJson(table)}\n` : formatScores(table));
    return table;
  });
}

export function registerScoresCommand(program: Command): void {
  program
    .command('scores')
    .description('print a subnet\'s scores from the chain alone: uid, hotkey, axon, measured throughput and class (from validators\' published evidence), weights, incentive, emission')
    .option('--chain <url>', 'subtensor node WebSocket endpoint (env POG_CHAIN; default: ws://127.0.0.1:9944)')
    .addOption(new Option('--netuid <n>', 'the subnet (default: 1)').argParser(parseIntegerFlag('--netuid')))
    .option('--json', 'print one JSON object')
    .addOption(new Option('--connect-attempts <n>', 'connection attempts, with exponential backoff (default: 5)').argParser(parseIntegerFlag('--connect-attempts')))
    .option('--config <file>', 'JSON file with the same keys as the flags')
    .addOption(new Option('--log-level <level>', 'log verbosity on stderr (default: warn)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .addHelpText('after', '\nWorks against any subtensor node: evidence is found through each validator\'s commitment (docs/scores.md).')
    .action(promptAction((flags: ScoresFlags) => scoresAction(flags)));
}
