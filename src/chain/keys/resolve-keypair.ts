import type { KeyringPair } from '@polkadot/keyring/types';
import { keypairFromMnemonic, keypairFromUri } from './keypair';
import { loadColdkey, loadHotkey, type LoadKeyOptions } from './wallet';
import type { WalletLocation } from './wallet-options';

/**
 * Where a signing key comes from:
 * - `{ uri }`: `//Alice`, `//Bob//stash` (dev accounts), `<mnemonic>//path`, or a `0x` seed;
 * - `{ mnemonic }`: a BIP-39 phrase, derived as btcli does;
 * - `{ wallet, key }`: the wallet's hotkey file or (encrypted) coldkey.
 */
export type KeySource =
  | { readonly uri: string }
  | { readonly mnemonic: string }
  | { readonly wallet: WalletLocation; readonly key: 'hotkey' | 'coldkey' };

/**
 * A signing sr25519 pair (ss58 prefix 42) from any {@link KeySource}. Wallet keys take their
 * password from `options` (explicit, `BT_PW_<path>`, then the prompt).
 *
 * @example
 * const alice = await resolveKeypair({ uri: '//Alice' });
 * const hotkey = await resolveKeypair({ wallet: resolveWalletOptions(), key: 'hotkey' });
 */
export async function resolveKeypair(source: KeySource, options: LoadKeyOptions = {}): Promise<KeyringPair> {
  if ('uri' in source) return keypairFromUri(source.uri);
  if ('mnemonic' in source) return keypairFromMnemonic(source.mnemonic);
  return source.key === 'coldkey' ? loadColdkey(source.wallet, options) : loadHotkey(source.wallet, options);
}
