import type { Command } from 'commander';
import { burnedRegister, raoToTao, storage, type BurnedRegisterReturnType } from '../../chain';
import { registerConfigSchema } from '../../config';
import { ConfigOptions } from '../flags/config-options';
import { CHAIN_HELP, chainOptions, coldkeyOf, hotkeyAddressOf, processIo, promptAction, submitOptionsOf, toJson, withChainClient, type ChainFlags, type ChainIo } from './chain-command';

type RegisterFlags = ChainFlags & Record<string, unknown>;

const REGISTER_OPTIONS = new ConfigOptions(registerConfigSchema);

export interface RegisterOutput {
  readonly burn: bigint;
  readonly result: BurnedRegisterReturnType;
}

/** `pog register --netuid N`: registers the wallet hotkey on the subnet for the current burn, paid by the coldkey. */
export async function registerAction(flags: RegisterFlags, io: ChainIo = processIo()): Promise<RegisterOutput> {
  const config = REGISTER_OPTIONS.load(flags, io.env);
  return withChainClient(config, async (client, logger) => {
    const hotkey = await hotkeyAddressOf(config, flags, io);
    const coldkey = await coldkeyOf(config, flags, io, logger);
    const burn = BigInt((await storage(client.api, 'subtensorModule', 'Burn')(config.netuid)).toString());
    const result = await burnedRegister(client, { signer: coldkey, netuid: config.netuid, hotkey, ...submitOptionsOf(config) });
    io.stdout.write(
      config.json
        ? `${toJson({ netuid: result.netuid, uid: result.uid, hotkey, coldkey: coldkey.address, burn, blockHash: result.blockHash, blockNumber: result.blockNumber, txHash: result.txHash })}\n`
        : `registered hotkey ${hotkey} on subnet ${result.netuid} as uid ${result.uid}\n` +
            `coldkey     ${coldkey.address} (paid the burn of ${raoToTao(burn)} TAO)\n` +
            `block       #${result.blockNumber} ${result.blockHash}\n`,
    );
    return { burn, result };
  });
}

export function registerRegisterCommand(program: Command): void {
  chainOptions(
    program
      .command('register')
      .description('register the wallet hotkey on a subnet (burned_register): the coldkey pays the subnet\'s current burn'),
    REGISTER_OPTIONS,
  )
    .addHelpText('after', `${CHAIN_HELP}\n\nExample:\n  pog register --netuid 1 --wallet.name miner --wallet.hotkey default`)
    .action(promptAction((flags: RegisterFlags) => registerAction(flags)));
}
