import type { Command } from 'commander';
import { scoresConfigSchema } from '../../config';
import { formatScores, readScores, type ScoresTable } from '../../scores';
import { ConfigOptions } from '../flags/config-options';
import { processIo, promptAction, toJson, withChainClient, type ChainFlags, type ChainIo } from './chain-command';

type ScoresFlags = ChainFlags & Record<string, unknown>;

/** Read-only: the chain, the subnet and output; no keys. */
const SCORES_OPTIONS = new ConfigOptions(scoresConfigSchema, ['chain', 'netuid', 'json', 'connectAttempts', 'logLevel']);

/** `pog scores`: the subnet's miners, their measured throughput and class from published evidence, weights and incentive. */
export async function scoresAction(flags: ScoresFlags, io: ChainIo = processIo()): Promise<ScoresTable> {
  const config = SCORES_OPTIONS.load(flags, io.env);
  return withChainClient(config, async (client) => {
    const table = await readScores(client, config.netuid);
    io.stdout.write(config.json ? `${toJson(table)}\n` : formatScores(table));
    return table;
  });
}

export function registerScoresCommand(program: Command): void {
  const command = program
    .command('scores')
    .description('print a subnet\'s scores from the chain alone: uid, hotkey, axon, measured throughput and class (from validators\' published evidence), weights, incentive, emission');
  SCORES_OPTIONS.addTo(command)
    .option('--config <file>', 'JSON file with the same keys as the flags')
    .addHelpText('after', '\nWorks against any subtensor node: evidence is found through each validator\'s commitment (docs/scores.md).')
    .action(promptAction((flags: ScoresFlags) => scoresAction(flags)));
}
