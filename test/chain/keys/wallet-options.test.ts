import { ConfigError } from '../../../src/config';
import { expandTilde, resolveWalletOptions, walletOptionsSchema } from '../../../src/chain';

const HOME = '/home/miner';

describe('wallet options', () => {
  it('defaults to Bittensor\'s default wallet in ~/.bittensor/wallets/', () => {
    expect(resolveWalletOptions({ env: {}, home: HOME })).toEqual({ name: 'default', hotkey: 'default', path: '/home/miner/.bittensor/wallets/' });
    expect(walletOptionsSchema.parse({})).toEqual({ name: 'default', hotkey: 'default', path: '~/.bittensor/wallets/' });
  });

  it('takes BT_WALLET_* over the defaults, and flags over both', () => {
    const env = { BT_WALLET_NAME: 'env-wallet', BT_WALLET_HOTKEY: 'env-hotkey', BT_WALLET_PATH: '/srv/wallets' };
    expect(resolveWalletOptions({ env, home: HOME })).toEqual({ name: 'env-wallet', hotkey: 'env-hotkey', path: '/srv/wallets' });
    expect(resolveWalletOptions({ env, home: HOME, flags: { name: 'flag-wallet', hotkey: undefined } })).toEqual({
      name: 'flag-wallet',
      hotkey: 'env-hotkey',
      path: '/srv/wallets',
    });
    expect(resolveWalletOptions({ env, home: HOME, flags: { name: 'a', hotkey: 'b', path: '~/w' } })).toEqual({ name: 'a', hotkey: 'b', path: '/home/miner/w' });
    // Empty variables count as unset.
    expect(resolveWalletOptions({ env: { BT_WALLET_NAME: '' }, home: HOME }).name).toBe('default');
  });

  it('reads process.env when no env is given', () => {
    const saved = process.env.BT_WALLET_HOTKEY;
    process.env.BT_WALLET_HOTKEY = 'from-process-env';
    try {
      expect(resolveWalletOptions({ home: HOME }).hotkey).toBe('from-process-env');
    } finally {
      if (saved === undefined) delete process.env.BT_WALLET_HOTKEY;
      else process.env.BT_WALLET_HOTKEY = saved;
    }
  });

  it('expands ~ and ~/ only', () => {
    expect(expandTilde('~', HOME)).toBe(HOME);
    expect(expandTilde('~/.bittensor/wallets/', HOME)).toBe('/home/miner/.bittensor/wallets/');
    expect(expandTilde('/abs/~/x', HOME)).toBe('/abs/~/x');
    expect(expandTilde('relative/dir', HOME)).toBe('relative/dir');
    expect(() => expandTilde('~other/wallets', HOME)).toThrow(ConfigError);
    expect(() => expandTilde('~other/wallets', HOME)).toThrow(/only ~ and ~\/… are supported/);
  });

  it.each([
    [{ name: '../escape' }, /--wallet\.name \/ BT_WALLET_NAME: the wallet name must be a plain file name/],
    [{ hotkey: 'a/b' }, /--wallet\.hotkey \/ BT_WALLET_HOTKEY: the hotkey name must be a plain file name/],
    [{ hotkey: '..' }, /--wallet\.hotkey/],
    [{ name: '' }, /the wallet name must not be empty/],
    [{ path: '' }, /--wallet\.path \/ BT_WALLET_PATH: the wallets path must not be empty/],
  ])('rejects %j with a ConfigError naming the flag and variable', (flags, message) => {
    expect(() => resolveWalletOptions({ env: {}, home: HOME, flags })).toThrow(ConfigError);
    expect(() => resolveWalletOptions({ env: {}, home: HOME, flags })).toThrow(message);
  });

  it('rejects a bad BT_WALLET_NAME too', () => {
    expect(() => resolveWalletOptions({ env: { BT_WALLET_NAME: 'a/b' }, home: HOME })).toThrow(/BT_WALLET_NAME/);
  });
});
