import type { Command } from 'commander';
import { addStake, getStake, raoToTao, removeStake, taoToRao, type AddStakeReturnType, type RemoveStakeReturnType } from '../../chain';
import { stakeConfigSchema } from '../../config';
import { ConfigOptions } from '../flags/config-options';
import { CHAIN_HELP, chainOptions, coldkeyOf, hotkeyAddressOf, processIo, promptAction, submitOptionsOf, toJson, withChainClient, type ChainFlags, type ChainIo } from './chain-command';

type StakeFlags = ChainFlags & Record<string, unknown>;

const STAKE_OPTIONS = new ConfigOptions(stakeConfigSchema);

export interface StakeOutput {
  readonly result: AddStakeReturnType | RemoveStakeReturnType;
  /** The coldkey's alpha on the hotkey afterwards, in rao. */
  readonly stake: bigint;
}

/** `pog stake --netuid N --amount TAO [--unstake]`: stakes TAO to the hotkey (or unstakes alpha) from the coldkey. */
export async function stakeAction(flags: StakeFlags, io: ChainIo = processIo()): Promise<StakeOutput> {
  const config = STAKE_OPTIONS.load(flags, io.env);
  const amount = taoToRao(config.amount);
  return withChainClient(config, async (client, logger) => {
    const hotkey = config.hotkeyAddress ?? (await hotkeyAddressOf(config, flags, io));
    const coldkey = await coldkeyOf(config, flags, io, logger);
    const options = { signer: coldkey, hotkey, netuid: config.netuid, amount, ...submitOptionsOf(config) };
    const result = config.unstake ? await removeStake(client, options) : await addStake(client, options);
    const { stake } = await getStake(client, { hotkey, coldkey: coldkey.address, netuid: config.netuid, at: result.blockHash });
    if (config.json) {
      io.stdout.write(
        `${toJson({ netuid: config.netuid, hotkey, coldkey: coldkey.address, unstake: config.unstake, amount, tao: result.tao, alpha: result.alpha, stake, blockHash: result.blockHash, blockNumber: result.blockNumber, txHash: result.txHash })}\n`,
      );
    } else {
      const moved =
        result.tao !== null && result.alpha !== null
          ? config.unstake
            ? `unstaked ${raoToTao(result.alpha)} alpha for ${raoToTao(result.tao)} TAO`
            : `staked ${raoToTao(result.tao)} TAO for ${raoToTao(result.alpha)} alpha`
          : `${config.unstake ? 'unstaked' : 'staked'} ${config.amount}`;
      io.stdout.write(
        `${moved} on subnet ${config.netuid}\n` +
          `hotkey      ${hotkey}\n` +
          `coldkey     ${coldkey.address} (stake now ${raoToTao(stake)} alpha)\n` +
          `block       #${result.blockNumber} ${result.blockHash}\n`,
      );
    }
    return { result, stake };
  });
}

export function registerStakeCommand(program: Command): void {
  chainOptions(
    program
      .command('stake')
      .description('stake TAO from the wallet coldkey to the wallet hotkey on a subnet (add_stake), or unstake alpha with --unstake (remove_stake)'),
    STAKE_OPTIONS,
  )
    .addHelpText('after', `${CHAIN_HELP}\n\nExamples:\n  pog stake --netuid 1 --amount 10 --wallet.name miner\n  pog stake --netuid 1 --amount 2.5 --unstake --wallet.name miner`)
    .action(promptAction((flags: StakeFlags) => stakeAction(flags)));
}
