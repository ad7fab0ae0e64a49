import { readdir, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aEq } from '@polkadot/util';
import { silentLogger, type Logger } from '../../logging';
import { AddressMismatchError, CorruptKeyfileError, KeyError, KeyfileExistsError, KeyfileNotFoundError } from './errors';
import { keyMaterialFromKeyfileJson } from './keyfile-data';
import { keyfileEncodingAt, readKeyfile, readKeyfileBytes, writeKeyfile, type ReadKeyfileOptions } from './keyfile';
import {
  generateMnemonic,
  keyMaterialFromMnemonic,
  keyringPairFromMaterial,
  ss58Address,
  type KeyMaterial,
  type MnemonicWords,
  type PublicKeyInfo,
} from './keypair';
import { ENCODING_NAMES, type KeyfileEncoding } from './nacl';
import type { PasswordSources } from './password';
import type { WalletLocation } from './wallet-options';

/** Where btwallet keeps a wallet's files. */
export interface WalletPaths {
  /** `<path>/<name>` */
  readonly wallet: string;
  /** `<path>/<name>/coldkey`: the coldkey, normally `$NACL`-encrypted. */
  readonly coldkey: string;
  /** `<path>/<name>/coldkeypub.txt`: the coldkey's public fields, never encrypted. */
  readonly coldkeypub: string;
  /** `<path>/<name>/hotkeys` */
  readonly hotkeys: string;
  /** `<path>/<name>/hotkeys/<hotkey>`: the hotkey, plain JSON by default. */
  readonly hotkey: string;
  /** `<path>/<name>/hotkeys/<hotkey>pub.txt` (btwallet ≥ 3.1). */
  readonly hotkeypub: string;
}

/** Joins like Rust's `PathBuf::join`, without normalising, so `BT_PW_<path>` names match btwallet's. */
function join(base: string, ...parts: string[]): string {
  return parts.reduce((acc, part) => (acc.endsWith(sep) || acc.endsWith('/') ? acc + part : acc + sep + part), base);
}

/** The files of `wallet` (and of `hotkey`, the wallet's own hotkey by default). */
export function walletPaths(wallet: WalletLocation, hotkey: string = wallet.hotkey): WalletPaths {
  const dir = join(wallet.path, wallet.name);
  return {
    wallet: dir,
    coldkey: join(dir, 'coldkey'),
    coldkeypub: join(dir, 'coldkeypub.txt'),
    hotkeys: join(dir, 'hotkeys'),
    hotkey: join(dir, 'hotkeys', hotkey),
    hotkeypub: join(dir, 'hotkeys', `${hotkey}pub.txt`),
  };
}

function flags(wallet: WalletLocation, withHotkey: boolean): string {
  return `--wallet.name ${wallet.name}${withHotkey ? ` --wallet.hotkey ${wallet.hotkey}` : ''} --wallet.path ${wallet.path}`;
}

const coldkeyHint = (wallet: WalletLocation) => `create the wallet with \`pog wallet create ${flags(wallet, true)}\` (or \`btcli wallet new-coldkey\`)`;
const hotkeyHint = (wallet: WalletLocation) => `create the hotkey with \`pog wallet new-hotkey ${flags(wallet, true)}\` (or \`btcli wallet new-hotkey\`)`;

export interface LoadKeyOptions extends PasswordSources {
  /** Logs paths and ss58 addresses only. */
  readonly logger?: Logger;
}

function readOptions(options: LoadKeyOptions, missingHint: string): ReadKeyfileOptions {
  return { ...options, missingHint };
}

/**
 * The wallet's hotkey, `<path>/<name>/hotkeys/<hotkey>`, as a signing pair. Plain JSON as
 * btcli writes it by default; an encrypted one takes its password like the coldkey.
 *
 * @example const hotkey = await loadHotkey(resolveWalletOptions({ flags: { name: 'miner' } }));
 */
export async function loadHotkey(wallet: WalletLocation, options: LoadKeyOptions = {}): Promise<KeyringPair> {
  const path = walletPaths(wallet).hotkey;
  const material = await readKeyfile(path, readOptions(options, hotkeyHint(wallet)));
  if (!material.secretKey) throw new CorruptKeyfileError(path, 'it holds only a public key (a hotkey file needs secretPhrase, secretSeed or privateKey)');
  (options.logger ?? silentLogger).debug({ path, ss58Address: ss58Address(material.publicKey) }, 'loaded hotkey');
  return keyringPairFromMaterial(material);
}

/** The coldkey's public key from `coldkeypub.txt`: enough to name the coldkey, never to sign. */
export async function loadColdkeypub(wallet: WalletLocation, options: Pick<LoadKeyOptions, 'logger'> = {}): Promise<PublicKeyInfo> {
  const path = walletPaths(wallet).coldkeypub;
  const material = keyMaterialFromKeyfileJson(await readKeyfileBytes(path, coldkeyHint(wallet)), path);
  const info = { ss58Address: ss58Address(material.publicKey), publicKey: material.publicKey };
  (options.logger ?? silentLogger).debug({ path, ss58Address: info.ss58Address }, 'loaded coldkeypub');
  return info;
}

/**
 * The wallet's coldkey as a signing pair, decrypting `$NACL` with the password from
 * `options` (explicit, then `BT_PW_<coldkey path>`, then the prompt). When `coldkeypub.txt`
 * exists it must name the same key. Unlocking costs about 5 s and 512 MiB (argon2i).
 *
 * @throws PasswordRequiredError, WrongPasswordError, UnsupportedEncryptionError,
 *   CorruptKeyfileError, AddressMismatchError, KeyfileNotFoundError.
 */
export async function loadColdkey(wallet: WalletLocation, options: LoadKeyOptions = {}): Promise<KeyringPair> {
  const paths = walletPaths(wallet);
  const material = await readKeyfile(paths.coldkey, readOptions(options, coldkeyHint(wallet)));
  if (!material.secretKey) throw new CorruptKeyfileError(paths.coldkey, 'it holds only a public key');
  if ((await keyfileEncodingAt(paths.coldkeypub)) !== null) {
    const pub = await loadColdkeypub(wallet);
    if (!u8aEq(pub.publicKey, material.publicKey)) {
      throw new AddressMismatchError(paths.coldkeypub, pub.ss58Address, ss58Address(material.publicKey), 'the coldkey beside it');
    }
  }
  (options.logger ?? silentLogger).info({ path: paths.coldkey, ss58Address: ss58Address(material.publicKey) }, 'unlocked coldkey');
  return keyringPairFromMaterial(material);
}

export interface CreateWalletOptions {
  /** Create the coldkey and coldkeypub.txt (default true). */
  readonly coldkey?: boolean;
  /** Create the hotkey and its pub file (default true). */
  readonly hotkey?: boolean;
  /** The coldkey's password; `null` writes it unencrypted. Required when creating a coldkey. */
  readonly password?: string | null;
  /** Reuse these phrases instead of generating fresh ones (regenerating a wallet). */
  readonly coldkeyMnemonic?: string;
  readonly hotkeyMnemonic?: string;
  readonly words?: MnemonicWords;
  /** Replace existing files; otherwise nothing is written when any target exists. */
  readonly overwrite?: boolean;
  readonly logger?: Logger;
}

/** One created key. `mnemonic` is the only copy a person gets: show it once, never log it. */
export interface CreatedKey {
  readonly ss58Address: string;
  readonly mnemonic: string;
  readonly path: string;
  readonly publicPath: string;
  readonly encrypted: boolean;
}

export interface CreatedWallet {
  readonly wallet: WalletLocation;
  readonly paths: WalletPaths;
  readonly coldkey?: CreatedKey;
  readonly hotkey?: CreatedKey;
}

async function exists(path: string): Promise<boolean> {
  return (await keyfileEncodingAt(path)) !== null;
}

/**
 * Writes Bittensor-format wallet files from fresh 12-word mnemonics, as `btcli wallet create`
 * does: `coldkey` (`$NACL`-encrypted unless `password` is null), `coldkeypub.txt`,
 * `hotkeys/<hotkey>` (plain JSON) and `hotkeys/<hotkey>pub.txt`, all mode 0600. Without
 * `overwrite`, refuses before writing anything if any of them exists.
 *
 * @example
 * const created = await createWallet(resolveWalletOptions({ flags: { name: 'miner' } }), { password: 'correct horse' });
 * // created.coldkey.ss58Address, created.hotkey.mnemonic, …
 */
export async function createWallet(wallet: WalletLocation, options: CreateWalletOptions = {}): Promise<CreatedWallet> {
  const withColdkey = options.coldkey ?? true;
  const withHotkey = options.hotkey ?? true;
  const paths = walletPaths(wallet);
  if (withColdkey && options.password === undefined) throw new KeyError('createWallet needs a password for the coldkey, or password: null for an unencrypted one');
  if (withColdkey && options.password === '') throw new KeyError('the coldkey password must not be empty (ask for no password instead)');
  const targets = [...(withColdkey ? [paths.coldkey, paths.coldkeypub] : []), ...(withHotkey ? [paths.hotkey, paths.hotkeypub] : [])];
  if (!options.overwrite) {
    for (const target of targets) {
      if (!(await exists(target))) continue;
      const isColdkey = target === paths.coldkey || target === paths.coldkeypub;
      throw isColdkey && withHotkey
        ? new KeyfileExistsError(target, `to add a hotkey to this wallet, use \`pog wallet new-hotkey\`; --overwrite would replace the coldkey, whose funds are lost without its mnemonic`)
        : new KeyfileExistsError(target);
    }
  }
  const logger = options.logger ?? silentLogger;
  const write = async (material: KeyMaterial, path: string, publicPath: string, password?: string): Promise<CreatedKey> => {
    await writeKeyfile(path, material, { password, overwrite: options.overwrite, logger });
    await writeKeyfile(publicPath, material, { publicOnly: true, overwrite: options.overwrite, logger });
    return { ss58Address: ss58Address(material.publicKey), mnemonic: material.mnemonic!, path, publicPath, encrypted: password !== undefined };
  };
  const coldkey = withColdkey
    ? await write(keyMaterialFromMnemonic(options.coldkeyMnemonic ?? generateMnemonic(options.words)), paths.coldkey, paths.coldkeypub, options.password ?? undefined)
    : undefined;
  const hotkey = withHotkey
    ? await write(keyMaterialFromMnemonic(options.hotkeyMnemonic ?? generateMnemonic(options.words)), paths.hotkey, paths.hotkeypub)
    : undefined;
  logger.info({ wallet: paths.wallet, coldkey: coldkey?.ss58Address, hotkey: hotkey?.ss58Address }, 'created wallet');
  return { wallet, paths, coldkey, hotkey };
}

/** What `pog wallet show` prints: addresses and paths, never anything secret. */
export interface WalletSummary {
  readonly name: string;
  readonly path: string;
  readonly coldkey: { readonly path: string; readonly encoding: KeyfileEncoding | null; readonly encryption: string | null };
  readonly coldkeypub: { readonly path: string; readonly ss58Address: string | null };
  readonly hotkeys: readonly HotkeySummary[];
}

export interface HotkeySummary {
  readonly name: string;
  readonly path: string;
  /** Null when the file is encrypted without a pub file beside it, or unreadable. */
  readonly ss58Address: string | null;
  readonly encoding: KeyfileEncoding;
  /** Why the address could not be read (a corrupt or inconsistent file). */
  readonly problem?: string;
}

/** The public address a hotkey file records, without decrypting or deriving anything. */
async function hotkeyAddress(wallet: WalletLocation, name: string): Promise<string | null> {
  const paths = walletPaths(wallet, name);
  for (const path of [paths.hotkey, paths.hotkeypub]) {
    const encoding = await keyfileEncodingAt(path);
    if (encoding !== 'json') continue;
    const material = keyMaterialFromKeyfileJson(await readKeyfileBytes(path), path);
    return ss58Address(material.publicKey);
  }
  return null;
}

/**
 * The wallet's addresses: the coldkey's from `coldkeypub.txt` and every hotkey's (from its
 * pub file, or its plain JSON, which is checked on the way). Decrypts nothing.
 */
export async function inspectWallet(wallet: WalletLocation): Promise<WalletSummary> {
  const paths = walletPaths(wallet);
  const isDir = await stat(paths.wallet).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new KeyfileNotFoundError(paths.wallet, coldkeyHint(wallet));
  const coldkeyEncoding = await keyfileEncodingAt(paths.coldkey);
  const coldkeypub = (await exists(paths.coldkeypub)) ? (await loadColdkeypub(wallet)).ss58Address : null;
  const entries = await readdir(paths.hotkeys, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isFile() && !e.name.includes('.tmp-')).map((e) => e.name).sort();
  const hotkeys: HotkeySummary[] = [];
  for (const name of names) {
    if (name.endsWith('pub.txt') && names.includes(name.slice(0, -'pub.txt'.length))) continue;
    const path = walletPaths(wallet, name).hotkey;
    const encoding = await keyfileEncodingAt(path);
    if (encoding === null) continue;
    try {
      hotkeys.push({ name, path, ss58Address: await hotkeyAddress(wallet, name), encoding });
    } catch (error) {
      hotkeys.push({ name, path, ss58Address: null, encoding, problem: (error as Error).message });
    }
  }
  return {
    name: wallet.name,
    path: paths.wallet,
    coldkey: { path: paths.coldkey, encoding: coldkeyEncoding, encryption: coldkeyEncoding === null ? null : ENCODING_NAMES[coldkeyEncoding] },
    coldkeypub: { path: paths.coldkeypub, ss58Address: coldkeypub },
    hotkeys,
  };
}
