import { Command, Option } from 'commander';
import {
  createWallet,
  encodePasswordForEnv,
  inspectWallet,
  KeyError,
  obtainPassword,
  passwordEnvVarName,
  resolveWalletOptions,
  walletPaths,
  type CreatedKey,
  type CreatedWallet,
  type PasswordPrompt,
  type WalletLocation,
  type WalletSummary,
} from '../../chain';
import { createRootLogger, type Logger } from '../../logging';
import { promptHidden } from '../prompt-hidden';

type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

interface WalletFlags {
  'wallet.name'?: string;
  'wallet.hotkey'?: string;
  'wallet.path'?: string;
  json?: boolean;
  logLevel?: LogLevel;
}

interface CreateFlags extends WalletFlags {
  /** false with --no-password */
  password?: boolean;
  overwrite?: boolean;
}

interface PasswordEnvFlags extends WalletFlags {
  hotkey?: boolean;
}

/** Where a wallet command reads and writes; injectable for tests. */
export interface WalletIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

const processIo = (): WalletIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });

function walletOf(flags: WalletFlags, env: NodeJS.ProcessEnv): WalletLocation {
  return resolveWalletOptions({ flags: { name: flags['wallet.name'], hotkey: flags['wallet.hotkey'], path: flags['wallet.path'] }, env });
}

function loggerOf(flags: WalletFlags): Logger {
  return createRootLogger({ level: flags.logLevel ?? 'warn' });
}


/** The terminal prompt, or none when stdin is not a terminal (then the env var is required). */
function terminalPrompt(io: WalletIo): PasswordPrompt | undefined {
  if (!io.stdin.isTTY) return undefined;
  return async ({ path, purpose }) => {
    if (purpose === 'unlock') return promptHidden(`Password for ${path}: `, io);
    const first = await promptHidden(`New password for ${path}: `, io);
    const second = await promptHidden('Retype the password: ', io);
    if (first !== second) throw new KeyError('the two passwords differ; nothing was written');
    return first;
  };
}

function keyLines(label: string, key: CreatedKey, encryption: boolean): string {
  const how = encryption ? (key.encrypted ? 'encrypted with $NACL' : 'NOT encrypted') : 'plain JSON, as btcli writes hotkeys';
  return `${label.padEnd(12)}${key.ss58Address}\n${''.padEnd(12)}${key.path} (${how})\n${''.padEnd(12)}${key.publicPath}\n`;
}

function formatCreated(created: CreatedWallet): string {
  let text = `wallet      ${created.wallet.name} in ${created.paths.wallet}\n`;
  if (created.coldkey) text += keyLines('coldkey', created.coldkey, true);
  if (created.hotkey) text += keyLines(`hotkey`, created.hotkey, false);
  text +=
    '\nWARNING: each mnemonic below is the only way to recover its key if the files are lost.\n' +
    'Write it down and keep it offline; anyone who has it controls the key. pog will not print it again.\n\n';
  if (created.coldkey) text += `coldkey mnemonic  ${created.coldkey.mnemonic}\n`;
  if (created.hotkey) text += `hotkey mnemonic   ${created.hotkey.mnemonic}\n`;
  return text;
}

function createdJson(created: CreatedWallet): Record<string, unknown> {
  const key = (k: CreatedKey | undefined) =>
    k && { ss58Address: k.ss58Address, path: k.path, publicPath: k.publicPath, encrypted: k.encrypted, mnemonic: k.mnemonic };
  return { wallet: { name: created.wallet.name, hotkey: created.wallet.hotkey, path: created.paths.wallet }, coldkey: key(created.coldkey), hotkey: key(created.hotkey) };
}

/** `pog wallet create`: a coldkey (+ coldkeypub.txt) and a hotkey from fresh mnemonics. */
export async function walletCreateAction(flags: CreateFlags, io: WalletIo = processIo()): Promise<CreatedWallet> {
  const wallet = walletOf(flags, io.env);
  const logger = loggerOf(flags);
  const password =
    flags.password === false ? null : await obtainPassword(walletPaths(wallet).coldkey, { env: io.env, prompt: terminalPrompt(io) }, 'new');
  const created = await createWallet(wallet, { password, overwrite: flags.overwrite, logger: logger.child({ module: 'wallet' }) });
  io.stdout.write(flags.json ? `${JSON.stringify(createdJson(created))}\n` : formatCreated(created));
  return created;
}

/** `pog wallet new-hotkey`: one more hotkey in an existing (or new) wallet directory. */
export async function walletNewHotkeyAction(flags: CreateFlags, io: WalletIo = processIo()): Promise<CreatedWallet> {
  const wallet = walletOf(flags, io.env);
  const created = await createWallet(wallet, { coldkey: false, overwrite: flags.overwrite, logger: loggerOf(flags).child({ module: 'wallet' }) });
  io.stdout.write(flags.json ? `${JSON.stringify(createdJson(created))}\n` : formatCreated(created));
  return created;
}

function formatSummary(summary: WalletSummary): string {
  let text = `wallet      ${summary.name} in ${summary.path}\n`;
  const { encoding } = summary.coldkey;
  const encryption =
    encoding === null ? 'no coldkey file' : encoding === 'nacl' ? 'coldkey encrypted with $NACL' : encoding === 'json' ? 'coldkey NOT encrypted' : `coldkey encrypted with ${summary.coldkey.encryption}, unsupported`;
  text += `coldkey     ${summary.coldkeypub.ss58Address ?? '(no coldkeypub.txt)'}  (${encryption})\n`;
  if (summary.hotkeys.length === 0) text += 'hotkeys     (none)\n';
  for (const hotkey of summary.hotkeys) {
    const address = hotkey.ss58Address ?? (hotkey.problem ? `(unreadable: ${hotkey.problem})` : '(encrypted, no pub file)');
    text += `hotkey      ${hotkey.name}  ${address}\n`;
  }
  return text;
}

/** `pog wallet show`: the wallet's addresses from its files; never decrypts, never prints secrets. */
export async function walletShowAction(flags: WalletFlags, io: WalletIo = processIo()): Promise<WalletSummary> {
  const summary = await inspectWallet(walletOf(flags, io.env));
  io.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
  return summary;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

/** `pog wallet password-env`: the `BT_PW_<path>=…` line that unlocks a keyfile without a prompt. */
export async function walletPasswordEnvAction(flags: PasswordEnvFlags, io: WalletIo = processIo()): Promise<{ envVar: string; value: string }> {
  const wallet = walletOf(flags, io.env);
  const path = flags.hotkey ? walletPaths(wallet).hotkey : walletPaths(wallet).coldkey;
  const password = io.stdin.isTTY ? await promptHidden(`Password for ${path}: `, io) : (await readAll(io.stdin)).replace(/\r?\n$/, '');
  if (password === '') throw new KeyError('empty password: type it at the prompt or pipe it on stdin');
  const envVar = passwordEnvVarName(path);
  const value = encodePasswordForEnv(password, envVar);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envVar)) io.stderr.write(`pog: warning: ${envVar} is not a valid shell variable name; set it through your process manager instead\n`);
  io.stdout.write(flags.json ? `${JSON.stringify({ envVar, value, path })}\n` : `export ${envVar}=${value}\n`);
  return { envVar, value };
}

function walletOptions(command: Command): Command {
  return command
    .option('--wallet.name <name>', 'wallet directory under --wallet.path (env BT_WALLET_NAME; default: default)')
    .option('--wallet.hotkey <name>', 'hotkey file under <wallet>/hotkeys/ (env BT_WALLET_HOTKEY; default: default)')
    .option('--wallet.path <dir>', 'directory holding the wallets, ~ expanded (env BT_WALLET_PATH; default: ~/.bittensor/wallets/)')
    .addOption(new Option('--log-level <level>', 'log verbosity on stderr (default: warn)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']));
}

const FILES_HELP =
  '\nFiles (Bittensor/btcli format, mode 0600):\n' +
  '  <path>/<name>/coldkey                  coldkey keyfile, $NACL-encrypted (argon2i + secretbox)\n' +
  '  <path>/<name>/coldkeypub.txt           coldkey address only\n' +
  '  <path>/<name>/hotkeys/<hotkey>         hotkey keyfile, plain JSON (as btcli)\n' +
  '  <path>/<name>/hotkeys/<hotkey>pub.txt  hotkey address only\n';

const PASSWORD_HELP =
  '\nThe coldkey password comes from BT_PW_<COLDKEY_PATH> (Bittensor\'s variable: the path upper-cased with / and . as _,\n' +
  'holding an obfuscated value that `pog wallet password-env` prints), else a prompt when run in a terminal.\n';

export function registerWalletCommand(program: Command): void {
  const wallet = program
    .command('wallet')
    .description('create and inspect Bittensor-format wallets (coldkey, coldkeypub.txt, hotkeys), compatible with btcli')
    .addHelpText('after', FILES_HELP + '\nSee docs/wallets.md for formats, environment variables and security notes.');

  walletOptions(
    wallet
      .command('create')
      .description('create a coldkey (+ coldkeypub.txt) and a hotkey from fresh 12-word mnemonics; prints the addresses, the files and each mnemonic once'),
  )
    .option('--no-password', 'write the coldkey unencrypted (not recommended outside tests and dev chains)')
    .option('--overwrite', 'replace existing key files (their keys are lost unless you have the mnemonics)')
    .option('--json', 'print one JSON object (wallet, coldkey and hotkey with ss58Address, path, publicPath, encrypted, mnemonic)')
    .addHelpText('after', FILES_HELP + PASSWORD_HELP + 'Refuses to touch any existing file unless --overwrite is given.')
    .action(async (flags: CreateFlags) => {
      await walletCreateAction(flags);
    });

  walletOptions(wallet.command('new-hotkey').description('create one more hotkey (and its pub file) in a wallet from a fresh mnemonic; the coldkey is not needed'))
    .option('--overwrite', 'replace an existing hotkey file (its key is lost unless you have the mnemonic)')
    .option('--json', 'print one JSON object (wallet, hotkey with ss58Address, path, publicPath, mnemonic)')
    .action(async (flags: CreateFlags) => {
      await walletNewHotkeyAction(flags);
    });

  walletOptions(wallet.command('show').description('print the wallet\'s coldkey and hotkey addresses from its files; decrypts nothing, prints no secret'))
    .option('--json', 'print one JSON object (name, path, coldkey, coldkeypub, hotkeys)')
    .action(async (flags: WalletFlags) => {
      await walletShowAction(flags);
    });

  walletOptions(
    wallet
      .command('password-env')
      .description('print the BT_PW_<path> variable that gives a keyfile\'s password to pog and Bittensor tools without a prompt'),
  )
    .option('--hotkey', 'for the hotkey file instead of the coldkey')
    .option('--json', 'print one JSON object (envVar, value, path)')
    .addHelpText(
      'after',
      '\nReads the password from a prompt in a terminal, or from stdin (one line) otherwise, and prints\n' +
        '`export BT_PW_…=<value>`. The value is Bittensor\'s obfuscation (base64 of the password XOR the\n' +
        'variable name), not encryption: treat it as the password itself.',
    )
    .action(async (flags: PasswordEnvFlags) => {
      await walletPasswordEnvAction(flags);
    });
}
