import { homedir } from 'node:os';
import { z } from 'zod';
import { ConfigError } from '../../config';

/** Bittensor's defaults (btwallet `src/constants.rs`). */
export const DEFAULT_WALLET_NAME = 'default';
export const DEFAULT_WALLET_HOTKEY = 'default';
export const DEFAULT_WALLET_PATH = '~/.bittensor/wallets/';

const keyName = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .refine((v) => !/[/\\\0]/.test(v) && v !== '.' && v !== '..', `${what} must be a plain file name (no /, \\, . or ..)`);

/**
 * Which wallet to use: `--wallet.name`, `--wallet.hotkey`, `--wallet.path` and
 * `BT_WALLET_NAME`, `BT_WALLET_HOTKEY`, `BT_WALLET_PATH`, with Bittensor's defaults.
 */
export const walletOptionsSchema = z
  .object({
    name: keyName('the wallet name').default(DEFAULT_WALLET_NAME).describe('wallet directory under the wallets path (holds the coldkey)'),
    hotkey: keyName('the hotkey name').default(DEFAULT_WALLET_HOTKEY).describe('hotkey file under <wallet>/hotkeys/'),
    path: z.string().min(1, 'the wallets path must not be empty').default(DEFAULT_WALLET_PATH).describe('directory holding the wallets; ~ is expanded'),
  })
  .strict();

export type WalletOptions = z.infer<typeof walletOptionsSchema>;

/** A resolved wallet: `path` has `~` expanded (and is otherwise as given, as btwallet keeps it). */
export interface WalletLocation {
  readonly name: string;
  readonly hotkey: string;
  readonly path: string;
}

const LABELS: Record<keyof WalletOptions, string> = {
  name: '--wallet.name / BT_WALLET_NAME',
  hotkey: '--wallet.hotkey / BT_WALLET_HOTKEY',
  path: '--wallet.path / BT_WALLET_PATH',
};

/** `BT_WALLET_*` variables mapped to option keys; empty values count as unset. */
export function walletEnvironment(env: NodeJS.ProcessEnv): Partial<WalletOptions> {
  const pick = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  return { name: pick(env.BT_WALLET_NAME), hotkey: pick(env.BT_WALLET_HOTKEY), path: pick(env.BT_WALLET_PATH) };
}

/**
 * Expands a leading `~` (alone or before a separator) to the home directory, as btwallet
 * does. `~user` forms are rejected rather than taken as a directory literally named `~user`.
 */
export function expandTilde(path: string, home: string = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return home + path.slice(1);
  if (path.startsWith('~')) throw new ConfigError(`cannot expand ${path}: only ~ and ~/… are supported, not ~user`, { path });
  return path;
}

export interface ResolveWalletOptionsParameters {
  /** From the command line (highest precedence); undefined entries are ignored. */
  readonly flags?: Partial<Record<keyof WalletOptions, string | undefined>>;
  /** Where `BT_WALLET_*` are read; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** For `~`; the user's home directory by default. */
  readonly home?: string;
}

/**
 * The wallet to use: flags, then `BT_WALLET_*`, then Bittensor's defaults, validated, with
 * `~` expanded.
 *
 * @example resolveWalletOptions({ flags: { name: 'miner' } })
 *   // { name: 'miner', hotkey: 'default', path: '/home/me/.bittensor/wallets/' }
 * @throws ConfigError naming the flag and variable of a bad value.
 */
export function resolveWalletOptions(parameters: ResolveWalletOptionsParameters = {}): WalletLocation {
  const flags = Object.fromEntries(Object.entries(parameters.flags ?? {}).filter(([, v]) => v !== undefined));
  const env = Object.fromEntries(Object.entries(walletEnvironment(parameters.env ?? process.env)).filter(([, v]) => v !== undefined));
  const result = walletOptionsSchema.safeParse({ ...env, ...flags });
  if (!result.success) {
    const issues = result.error.issues.map((i) => {
      const key = i.path[0] as keyof WalletOptions | undefined;
      return key && key in LABELS ? `${LABELS[key]}: ${i.message}` : `${i.path.join('.') || 'wallet options'}: ${i.message}`;
    });
    throw new ConfigError(`invalid wallet option: ${issues.join('; ')}`, { issues });
  }
  const { name, hotkey, path } = result.data;
  return { name, hotkey, path: expandTilde(path, parameters.home) };
}
