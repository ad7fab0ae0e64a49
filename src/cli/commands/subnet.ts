import type { Command } from 'commander';
import {
  getHyperparameters,
  raoToTao,
  registerSubnet,
  setHyperparameter,
  startCall,
  type ChainClient,
  type GetHyperparametersReturnType,
  type RegisterSubnetReturnType,
  type SetHyperparameterReturnType,
  type StartCallReturnType,
} from '../../chain';
import { ConfigError, subnetCreateConfigSchema, subnetHyperparamsConfigSchema, subnetStartConfigSchema, type SubnetHyperparamsConfig } from '../../config';
import { ConfigOptions } from '../flags/config-options';
import {
  CHAIN_HELP,
  chainOptions,
  coldkeyOf,
  hotkeyAddressOf,
  processIo,
  promptAction,
  submitOptionsOf,
  toJson,
  withChainClient,
  type ChainFlags,
  type ChainIo,
} from './chain-command';

type SubnetFlags = ChainFlags & Record<string, unknown>;

const CREATE_OPTIONS = new ConfigOptions(subnetCreateConfigSchema);
const START_OPTIONS = new ConfigOptions(subnetStartConfigSchema);
const HYPERPARAMS_OPTIONS = new ConfigOptions(subnetHyperparamsConfigSchema);

/** The lock cost of a new subnet now, from `SubnetRegistrationRuntimeApi`, when the node has it. */
async function lockCost(client: ChainClient): Promise<bigint | null> {
  const api = (client.api.call as unknown as Record<string, Record<string, (() => Promise<{ toString(): string }>) | undefined> | undefined>).subnetRegistrationRuntimeApi;
  const get = api?.getNetworkRegistrationCost;
  return get ? BigInt((await get()).toString()) : null;
}

export interface SubnetCreateOutput {
  readonly netuid: number;
  readonly owner: string;
  readonly hotkey: string;
  readonly lockCost: bigint | null;
  readonly result: RegisterSubnetReturnType;
}

/** `pog subnet create`: registers a subnet owned by the wallet's coldkey, with its hotkey as uid 0. */
export async function subnetCreateAction(flags: SubnetFlags, io: ChainIo = processIo()): Promise<SubnetCreateOutput> {
  const config = CREATE_OPTIONS.load(flags, io.env);
  return withChainClient(config, async (client, logger) => {
    const hotkey = await hotkeyAddressOf(config, flags, io);
    const coldkey = await coldkeyOf(config, flags, io, logger);
    const cost = await lockCost(client);
    const result = await registerSubnet(client, { signer: coldkey, hotkey, ...submitOptionsOf(config) });
    const out = { netuid: result.netuid, owner: coldkey.address, hotkey, lockCost: cost, result };
    io.stdout.write(
      config.json
        ? `${toJson({ netuid: out.netuid, owner: out.owner, hotkey, lockCost: cost, blockHash: result.blockHash, blockNumber: result.blockNumber, txHash: result.txHash })}\n`
        : `created subnet ${out.netuid}\n` +
            `owner       ${out.owner} (coldkey)\n` +
            `hotkey      ${hotkey} (uid 0)\n` +
            (cost === null ? '' : `lock cost   ${raoToTao(cost)} TAO\n`) +
            `block       #${result.blockNumber} ${result.blockHash}\n`,
    );
    return out;
  });
}

/** `pog subnet start --netuid N`: the owner starts emission and opens staking (start_call). */
export async function subnetStartAction(flags: SubnetFlags, io: ChainIo = processIo()): Promise<StartCallReturnType> {
  const config = START_OPTIONS.load(flags, io.env);
  const netuid = config.netuid;
  return withChainClient(config, async (client, logger) => {
    const coldkey = await coldkeyOf(config, flags, io, logger);
    const result = await startCall(client, { signer: coldkey, netuid, ...submitOptionsOf(config) });
    io.stdout.write(
      config.json
        ? `${toJson({ netuid, owner: coldkey.address, blockHash: result.blockHash, blockNumber: result.blockNumber, txHash: result.txHash })}\n`
        : `started subnet ${netuid}: emission and staking are open\nblock       #${result.blockNumber} ${result.blockHash}\n`,
    );
    return result;
  });
}

function formatValue(value: bigint | boolean): string {
  return typeof value === 'boolean' ? String(value) : value.toString();
}

export interface SubnetHyperparamsOutput {
  readonly set: readonly SetHyperparameterReturnType[];
  readonly reading: GetHyperparametersReturnType | null;
}

/** `pog subnet hyperparams`: sets each `--set name=value` (in order), then lists the values. */
export async function subnetHyperparamsAction(flags: SubnetFlags, io: ChainIo = processIo()): Promise<SubnetHyperparamsOutput> {
  const config: SubnetHyperparamsConfig = HYPERPARAMS_OPTIONS.load(flags, io.env);
  const pairs = config.set.map((s) => {
    const i = s.indexOf('=');
    return { name: s.slice(0, i), value: s.slice(i + 1) };
  });
  return withChainClient(config, async (client, logger) => {
    const applied: SetHyperparameterReturnType[] = [];
    if (pairs.length > 0) {
      const signer = await coldkeyOf(config, flags, io, logger);
      for (const { name, value } of pairs) {
        applied.push(await setHyperparameter(client, { signer, netuid: config.netuid, name, value, via: config.via, ...submitOptionsOf(config) }));
        if (!config.json) io.stderr.write(`pog: set ${applied.at(-1)!.name} = ${formatValue(applied.at(-1)!.value)} (as ${applied.at(-1)!.via}) in block #${applied.at(-1)!.blockNumber}\n`);
      }
    }
    const reading = await getHyperparameters(client, { netuid: config.netuid ?? 0 });
    if (config.netuid !== undefined && !reading.exists) throw new ConfigError(`subnet ${config.netuid} does not exist on ${config.chain}`);
    const shown = reading.hyperparameters.filter((h) => config.netuid !== undefined || h.scope === 'global');
    if (config.json) {
      io.stdout.write(
        `${toJson({
          netuid: config.netuid ?? null,
          block: reading.block,
          hyperparameters: Object.fromEntries(shown.map((h) => [h.name, h.value])),
          set: applied.map((a) => ({ name: a.name, value: a.value, via: a.via, blockNumber: a.blockNumber, blockHash: a.blockHash })),
        })}\n`,
      );
    } else {
      let text = `${config.netuid === undefined ? 'global hyperparameters' : `subnet ${config.netuid} hyperparameters`} at block #${reading.block}\n`;
      for (const h of shown) {
        const who = !h.settable ? 'not settable on this node' : h.rootOnly ? 'sudo' : 'sudo or owner';
        text += `  ${h.name.padEnd(32)}${formatValue(h.value).padEnd(22)}${who}\n`;
      }
      text += '  (who may set each is subtensor HEAD\'s rule; older runtimes keep some setters for sudo: an owner refused with BadOrigin is told to try --via sudo)\n';
      io.stdout.write(text);
    }
    return { set: applied, reading };
  });
}

export function registerSubnetCommand(program: Command): void {
  const subnet = program
    .command('subnet')
    .description('create a subnet and read or set its hyperparameters on a subtensor chain')
    .addHelpText('after', CHAIN_HELP);

  chainOptions(
    subnet
      .command('create')
      .description('register a new subnet (register_network): the wallet coldkey pays the lock cost and owns it, the wallet hotkey becomes uid 0'),
    CREATE_OPTIONS,
  )
    .addHelpText('after', `${CHAIN_HELP}\n\nExample (dev chain):\n  pog subnet create --chain ws://127.0.0.1:9944 --coldkey-uri //Bob --hotkey-uri //Bob//hot`)
    .action(promptAction((flags: SubnetFlags) => subnetCreateAction(flags)));

  chainOptions(subnet.command('start').description('start a subnet you own (start_call): opens emission, and staking on it'), START_OPTIONS)
    .addHelpText('after', `${CHAIN_HELP}\n\nExample:\n  pog subnet start --netuid 1 --wallet.name owner`)
    .action(promptAction((flags: SubnetFlags) => subnetStartAction(flags)));

  chainOptions(
    subnet
      .command('hyperparams')
      .description('list a subnet\'s hyperparameters (the global ones without --netuid) and set them through AdminUtils, as sudo or as the subnet owner'),
    HYPERPARAMS_OPTIONS,
  )
    .addHelpText(
      'after',
      `${CHAIN_HELP}\n\nNames are btcli's (tempo, weights_rate_limit, weights_version, commit_reveal_weights_enabled, commit_reveal_period,\n` +
        'min_allowed_weights, max_validators, min_burn, max_burn, immunity_period, activity_cutoff, …; global: admin_freeze_window,\n' +
        'network_rate_limit, stake_threshold). Example:\n  pog subnet hyperparams --netuid 1 --coldkey-uri //Alice --set weights_rate_limit=0',
    )
    .action(promptAction((flags: SubnetFlags) => subnetHyperparamsAction(flags)));
}
