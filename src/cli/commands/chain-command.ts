import type { KeyringPair } from '@polkadot/keyring/types';
import { Command, Option } from 'commander';
import {
  ChainDispatchError,
  ChainUnreachableError,
  connectChain,
  inspectWallet,
  InvalidChainInputError,
  InvalidEndpointError,
  keypairFromUri,
  loadHotkey,
  resolveKeypair,
  resolveWalletOptions,
  type ChainClient,
  type PasswordPrompt,
  type SubmitOptions,
  type WalletLocation,
} from '../../chain';
import { ConfigError, type ChainCommandConfig } from '../../config';
import { createRootLogger, type Logger } from '../../logging';
import { parseIntegerFlag } from '../parse-flags';
import { promptHidden } from '../prompt-hidden';

/**
 * What `pog subnet`, `pog register` and `pog stake` share: the chain and wallet flags, the
 * signing keys, one connection per command, and output.
 */
export interface ChainFlags {
  chain?: string;
  connectAttempts?: number;
  timeout?: number;
  finalized?: boolean;
  coldkeyUri?: string;
  hotkeyUri?: string;
  json?: boolean;
  config?: string;
  logLevel?: ChainCommandConfig['logLevel'];
  'wallet.name'?: string;
  'wallet.hotkey'?: string;
  'wallet.path'?: string;
}

/** Where a chain command reads and writes; injectable for tests. */
export interface ChainIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export const processIo = (): ChainIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });

/** The flags every chain command takes, as config keys (undefined = not given). */
export function chainFlagValues(flags: ChainFlags): Record<keyof ChainCommandConfig, unknown> {
  return {
    chain: flags.chain,
    connectAttempts: flags.connectAttempts,
    timeout: flags.timeout,
    finalized: flags.finalized,
    coldkeyUri: flags.coldkeyUri,
    hotkeyUri: flags.hotkeyUri,
    json: flags.json,
    logLevel: flags.logLevel,
  };
}

export const CHAIN_HELP =
  '\nThe chain endpoint comes from --chain, else POG_CHAIN, else ws://127.0.0.1:9944 (a local node or `pog devnet`).\n' +
  'Keys come from the Bittensor wallet (--wallet.name / --wallet.hotkey / --wallet.path, or BT_WALLET_*); the coldkey\n' +
  'password from BT_PW_<coldkey path> (see `pog wallet password-env`) or a prompt. On a dev chain, --coldkey-uri //Alice\n' +
  'and --hotkey-uri //Bob use dev keys instead. See docs/chain-client.md.';

/** The Bittensor wallet flags (resolved by walletOf, apart from any config file). */
export function walletOptions(command: Command): Command {
  return command
    .option('--wallet.name <name>', 'wallet directory under --wallet.path (env BT_WALLET_NAME; default: default)')
    .option('--wallet.hotkey <name>', 'hotkey file under <wallet>/hotkeys/ (env BT_WALLET_HOTKEY; default: default)')
    .option('--wallet.path <dir>', 'directory holding the wallets, ~ expanded (env BT_WALLET_PATH; default: ~/.bittensor/wallets/)');
}

/** Adds the chain, wallet, output and logging flags. */
export function chainOptions(command: Command): Command {
  return walletOptions(command.option('--chain <url>', 'subtensor node WebSocket endpoint (env POG_CHAIN; default: ws://127.0.0.1:9944)'))
    .option('--coldkey-uri <uri>', 'dev chains only: sign with a dev key such as //Alice instead of the wallet coldkey')
    .option('--hotkey-uri <uri>', 'dev chains only: use a dev key such as //Bob instead of the wallet hotkey')
    .addOption(new Option('--timeout <seconds>', 'seconds to wait for the transaction to be included (default: 120)').argParser(parseIntegerFlag('--timeout')))
    .option('--finalized', 'wait until the block is finalized, not just included')
    .addOption(new Option('--connect-attempts <n>', 'connection attempts, with exponential backoff (default: 5)').argParser(parseIntegerFlag('--connect-attempts')))
    .option('--json', 'print one JSON object')
    .option('--config <file>', 'JSON file with the same keys as the flags')
    .addOption(new Option('--log-level <level>', 'log verbosity on stderr (default: warn)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']));
}

export function walletOf(flags: ChainFlags, env: NodeJS.ProcessEnv): WalletLocation {
  return resolveWalletOptions({ flags: { name: flags['wallet.name'], hotkey: flags['wallet.hotkey'], path: flags['wallet.path'] }, env });
}


function terminalPrompt(io: ChainIo): PasswordPrompt | undefined {
  if (!io.stdin.isTTY) return undefined;
  return async ({ path }) => promptHidden(`Password for ${path}: `, io);
}

/** The signing coldkey: the dev URI when given, else the wallet's (decrypted with BT_PW_… or a prompt). */
export async function coldkeyOf(config: ChainCommandConfig, flags: ChainFlags, io: ChainIo, logger: Logger): Promise<KeyringPair> {
  if (config.coldkeyUri) return keypairFromUri(config.coldkeyUri);
  return resolveKeypair({ wallet: walletOf(flags, io.env), key: 'coldkey' }, { env: io.env, prompt: terminalPrompt(io), logger: logger.child({ module: 'wallet' }) });
}

/** The hotkey's address: the dev URI's, else the wallet's, read from the hotkey file or its pub file (an encrypted hotkey without one is unlocked). */
export async function hotkeyAddressOf(config: ChainCommandConfig, flags: ChainFlags, io: ChainIo): Promise<string> {
  if (config.hotkeyUri) return keypairFromUri(config.hotkeyUri).address;
  const wallet = walletOf(flags, io.env);
  const summary = await inspectWallet(wallet);
  const address = summary.hotkeys.find((h) => h.name === wallet.hotkey)?.ss58Address;
  return address ?? (await loadHotkey(wallet, { env: io.env, prompt: terminalPrompt(io) })).address;
}

export function submitOptionsOf(config: ChainCommandConfig): SubmitOptions {
  return { waitFor: config.finalized ? 'finalized' : 'inBlock', timeoutMs: config.timeout * 1000 };
}

/** JSON with bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * polkadot-js reports a closed connection on the console (`RPC-CORE: …`, `API-WS: …`) even
 * when the command closed it on purpose; those lines are dropped while a command talks to
 * the chain, so stderr carries only pog's own messages. Everything else passes through.
 */
function quietPolkadot(): () => void {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+(RPC-CORE|API-WS|API\/INIT|API\/DECORATE):/.test(args[0])) return;
    original(...args);
  };
  return () => {
    console.error = original;
  };
}

/**
 * Ends the process shortly after a chain command's action settles: polkadot-js keeps a
 * 1.75 s timer (a delayed unsubscribe) alive after the connection is closed, and a finished
 * command should not wait for it. The timer is unref'd, so it never delays a process that
 * would end anyway; stdout and stderr are flushed first and `process.exitCode` is kept.
 * Only for commander actions in the `pog` process, never for library code.
 */
export function exitPromptly(): void {
  setTimeout(() => {
    process.stdout.write('', () => process.stderr.write('', () => process.exit()));
  }, 100).unref();
}

/** Wraps a command action so that the process ends once it is done (see {@link exitPromptly}). */
export function promptAction<F>(action: (flags: F) => Promise<unknown>): (flags: F) => Promise<void> {
  return async (flags: F) => {
    try {
      await action(flags);
    } finally {
      exitPromptly();
    }
  };
}

/** What to do about the chain errors a user meets most, appended to their message. */
const HINTS: Readonly<Record<string, string>> = {
  SubtokenDisabled: 'the subnet owner has to start the subnet first: pog subnet start --netuid <n>',
  CannotAffordLockCost: 'the coldkey needs the lock cost (see `pog subnet create` output or SubnetRegistrationRuntimeApi) plus fees',
  NotEnoughBalanceToStake: 'the coldkey\'s free balance does not cover the amount',
  HotKeyAlreadyRegisteredInSubNet: 'this hotkey already has a uid on the subnet',
};

function withHint(error: unknown): unknown {
  if (error instanceof ChainDispatchError && HINTS[error.error]) error.message = `${error.message}; ${HINTS[error.error]!}`;
  return error;
}

/**
 * Connects to `config.chain`, runs `use`, and closes the connection. Bad input found on the
 * way (a malformed endpoint, an address or amount the client rejects) becomes a ConfigError,
 * so the command exits with code 2.
 */
export async function withChainClient<T>(config: ChainCommandConfig, use: (client: ChainClient, logger: Logger) => Promise<T>): Promise<T> {
  const logger = createRootLogger({ level: config.logLevel });
  const restore = quietPolkadot();
  let client: ChainClient | null = null;
  try {
    client = await connectChain({ endpoint: config.chain, logger, retry: { attempts: config.connectAttempts, initialDelayMs: 250, maxDelayMs: 4000 } });
    return await use(client, logger);
  } catch (error) {
    if (error instanceof InvalidChainInputError || error instanceof InvalidEndpointError) throw new ConfigError(error.message);
    if (error instanceof ChainUnreachableError) throw new ChainUnreachableError(config.chain, error.attempts, `${error.details.reason as string} (start a node, e.g. \`pog devnet\`, or pass --chain)`);
    throw withHint(error);
  } finally {
    await client?.close();
    restore();
  }
}
