import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stringToU8a } from '@polkadot/util';
import { signatureVerify } from '@polkadot/util-crypto';
import {
  AddressMismatchError,
  createWallet,
  encodePasswordForEnv,
  inspectWallet,
  KeyfileExistsError,
  KeyfileNotFoundError,
  keyfileJson,
  keyMaterialFromMnemonic,
  loadColdkey,
  loadColdkeypub,
  loadHotkey,
  PasswordRequiredError,
  passwordEnvVarName,
  readKeyfile,
  resolveKeypair,
  UnsupportedEncryptionError,
  walletPaths,
  writeKeyfile,
  WrongPasswordError,
  type WalletLocation,
} from '../../../src/chain';
import { createRootLogger } from '../../../src/logging';

const root = mkdtempSync(join(tmpdir(), 'pog-wallets-'));
const at = (name: string, hotkey = 'default'): WalletLocation => ({ name, hotkey, path: root });
const mode = (path: string) => statSync(path).mode & 0o777;

// btwallet's test vector (tests/test_keyfile.py).
const MNEMONIC = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const ADDRESS = '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX';

function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createRootLogger({ level: 'trace', destination }), text: () => lines.join('') };
}

describe('wallet files', () => {
  it('lays out a wallet as btwallet does', () => {
    expect(walletPaths({ name: 'miner', hotkey: 'h1', path: '/home/u/.bittensor/wallets/' })).toEqual({
      wallet: '/home/u/.bittensor/wallets/miner',
      coldkey: '/home/u/.bittensor/wallets/miner/coldkey',
      coldkeypub: '/home/u/.bittensor/wallets/miner/coldkeypub.txt',
      hotkeys: '/home/u/.bittensor/wallets/miner/hotkeys',
      hotkey: '/home/u/.bittensor/wallets/miner/hotkeys/h1',
      hotkeypub: '/home/u/.bittensor/wallets/miner/hotkeys/h1pub.txt',
    });
    expect(walletPaths({ name: 'm', hotkey: 'h', path: './w' }).coldkey).toBe('./w/m/coldkey');
  });

  it('writes a hotkey from a mnemonic that loads back to the same address and signs verifiably', async () => {
    const wallet = at('from-mnemonic');
    const created = await createWallet(wallet, { password: null, hotkeyMnemonic: MNEMONIC });
    expect(created.hotkey!.ss58Address).toBe(ADDRESS);
    const hotkey = await loadHotkey(wallet);
    expect(hotkey.address).toBe(ADDRESS);
    const message = stringToU8a('pog challenge 7');
    expect(signatureVerify(message, hotkey.sign(message), ADDRESS).isValid).toBe(true);
    expect(signatureVerify(message, hotkey.sign(message), created.coldkey!.ss58Address).isValid).toBe(false);
    expect((await resolveKeypair({ wallet, key: 'hotkey' })).address).toBe(ADDRESS);
  });

  it('creates an unencrypted wallet whose files are 0600 and consistent', async () => {
    const wallet = at('plain');
    const created = await createWallet(wallet, { password: null });
    const paths = walletPaths(wallet);
    for (const file of [paths.coldkey, paths.coldkeypub, paths.hotkey, paths.hotkeypub]) expect(mode(file)).toBe(0o600);
    expect(mode(paths.wallet)).toBe(0o700);
    expect(created.coldkey).toMatchObject({ path: paths.coldkey, publicPath: paths.coldkeypub, encrypted: false });
    expect(created.coldkey!.mnemonic.split(' ')).toHaveLength(12);
    expect(created.hotkey!.mnemonic).not.toBe(created.coldkey!.mnemonic);

    const hotkeyJson = JSON.parse(readFileSync(paths.hotkey, 'utf8'));
    expect(Object.keys(hotkeyJson).sort()).toEqual(['accountId', 'privateKey', 'publicKey', 'secretPhrase', 'secretSeed', 'ss58Address']);
    expect(hotkeyJson.secretPhrase).toBe(created.hotkey!.mnemonic);
    expect(JSON.parse(readFileSync(paths.coldkeypub, 'utf8'))).toEqual({
      accountId: hotkeyJsonPublic(created.coldkey!.mnemonic),
      publicKey: hotkeyJsonPublic(created.coldkey!.mnemonic),
      ss58Address: created.coldkey!.ss58Address,
    });

    expect((await loadColdkeypub(wallet)).ss58Address).toBe(created.coldkey!.ss58Address);
    expect((await loadColdkey(wallet)).address).toBe(created.coldkey!.ss58Address);
    expect((await loadHotkey(wallet)).address).toBe(created.hotkey!.ss58Address);
  });

  it('refuses to overwrite any existing file unless asked, and then replaces them', async () => {
    const wallet = at('twice');
    const first = await createWallet(wallet, { password: null });
    const before = readFileSync(walletPaths(wallet).coldkey);
    await expect(createWallet(wallet, { password: null })).rejects.toThrow(KeyfileExistsError);
    await expect(createWallet(wallet, { password: null })).rejects.toThrow(`${walletPaths(wallet).coldkey} already exists; refusing to overwrite it`);
    await expect(createWallet(wallet, { coldkey: false })).rejects.toThrow(`${walletPaths(wallet).hotkey} already exists`);
    expect(readFileSync(walletPaths(wallet).coldkey)).toEqual(before);

    const second = await createWallet(wallet, { password: null, overwrite: true });
    expect(second.coldkey!.ss58Address).not.toBe(first.coldkey!.ss58Address);
    expect((await loadColdkey(wallet)).address).toBe(second.coldkey!.ss58Address);
    expect(mode(walletPaths(wallet).coldkey)).toBe(0o600);
    await expect(writeKeyfile(walletPaths(wallet).hotkey, keyMaterialFromMnemonic(MNEMONIC))).rejects.toThrow(KeyfileExistsError);
  });

  it('adds a hotkey without touching the coldkey, and shows every address', async () => {
    const wallet = at('two-hotkeys');
    const created = await createWallet(wallet, { password: null });
    const extra = await createWallet(at('two-hotkeys', 'validator'), { coldkey: false });
    expect(extra.coldkey).toBeUndefined();
    const summary = await inspectWallet(wallet);
    expect(summary).toMatchObject({
      name: 'two-hotkeys',
      path: walletPaths(wallet).wallet,
      coldkey: { encoding: 'json' },
      coldkeypub: { ss58Address: created.coldkey!.ss58Address },
      hotkeys: [
        { name: 'default', ss58Address: created.hotkey!.ss58Address, encoding: 'json' },
        { name: 'validator', ss58Address: extra.hotkey!.ss58Address, encoding: 'json' },
      ],
    });
    const shown = JSON.stringify(summary);
    for (const secret of [created.coldkey!.mnemonic, created.hotkey!.mnemonic, extra.hotkey!.mnemonic]) expect(shown).not.toContain(secret.split(' ').slice(0, 2).join(' '));
    expect(shown).not.toMatch(/privateKey|secretSeed|secretPhrase/);
  });

  it('names the missing path and how to create it', async () => {
    const wallet = at('nowhere', 'hk');
    const paths = walletPaths(wallet);
    await expect(loadHotkey(wallet)).rejects.toThrow(KeyfileNotFoundError);
    await expect(loadHotkey(wallet)).rejects.toThrow(`${paths.hotkey} does not exist: create the hotkey with \`pog wallet new-hotkey --wallet.name nowhere --wallet.hotkey hk`);
    await expect(loadColdkey(wallet)).rejects.toThrow(`${paths.coldkey} does not exist: create the wallet with \`pog wallet create --wallet.name nowhere`);
    await expect(loadColdkeypub(wallet)).rejects.toThrow(`${paths.coldkeypub} does not exist`);
    await expect(inspectWallet(wallet)).rejects.toThrow(`${paths.wallet} does not exist`);
  });

  it('says which unsupported encryption a legacy coldkey uses', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['ansible', '$ANSIBLE_VAULT;1.1;AES256\n6338643965', /encrypted with Ansible Vault \(legacy Bittensor encryption\), which pog does not support/],
      ['fernet', 'gAAAAABhZ2V0X3JlYWR5', /encrypted with Fernet \(older legacy Bittensor encryption\), which pog does not support/],
    ];
    for (const [name, content, message] of cases) {
      const wallet = at(name);
      mkdirSync(walletPaths(wallet).wallet, { recursive: true });
      writeFileSync(walletPaths(wallet).coldkey, content);
      await expect(loadColdkey(wallet, { password: 'irrelevant' })).rejects.toThrow(UnsupportedEncryptionError);
      await expect(loadColdkey(wallet, { password: 'irrelevant' })).rejects.toThrow(message);
      expect((await inspectWallet(wallet)).coldkey.encoding).toBe(name === 'ansible' ? 'ansible-vault' : 'fernet');
    }
  });

  it('refuses a coldkey that does not match its coldkeypub.txt', async () => {
    const wallet = at('mismatch');
    await createWallet(wallet, { password: null });
    writeFileSync(walletPaths(wallet).coldkeypub, keyfileJson(keyMaterialFromMnemonic(MNEMONIC), { publicOnly: true }));
    await expect(loadColdkey(wallet)).rejects.toThrow(AddressMismatchError);
    await expect(loadColdkey(wallet)).rejects.toThrow(`${walletPaths(wallet).coldkeypub} records ${ADDRESS} but the coldkey beside it is`);
  });

  it('reports a corrupt hotkey in show instead of failing', async () => {
    const wallet = at('corrupt');
    await createWallet(wallet, { password: null });
    writeFileSync(walletPaths(wallet, 'broken').hotkey, '{"ss58Address": "nope"}');
    const summary = await inspectWallet(wallet);
    expect(summary.hotkeys.find((h) => h.name === 'broken')).toMatchObject({ ss58Address: null, problem: expect.stringMatching(/not a valid SS58 address/) });
  });

  // Three argon2i derivations (about 5 s each): create, unlock, wrong password.
  describe('an encrypted coldkey', () => {
    const wallet = at('encrypted');
    const password = 'correct horse battery staple';
    const log = capturingLogger();
    let coldkeyAddress = '';
    let mnemonics: string[] = [];

    beforeAll(async () => {
      const created = await createWallet(wallet, { password, logger: log.logger });
      coldkeyAddress = created.coldkey!.ss58Address;
      mnemonics = [created.coldkey!.mnemonic, created.hotkey!.mnemonic];
    });

    it('is written with $NACL, mode 0600', () => {
      const data = readFileSync(walletPaths(wallet).coldkey);
      expect(data.subarray(0, 5).toString('latin1')).toBe('$NACL');
      expect(data.toString('latin1')).not.toContain('secretPhrase');
      expect(mode(walletPaths(wallet).coldkey)).toBe(0o600);
    });

    it('unlocks with the password from BT_PW_<path>', async () => {
      const envVar = passwordEnvVarName(walletPaths(wallet).coldkey);
      const coldkey = await loadColdkey(wallet, { env: { [envVar]: encodePasswordForEnv(password, envVar) }, logger: log.logger });
      expect(coldkey.address).toBe(coldkeyAddress);
      const message = stringToU8a('add_stake');
      expect(signatureVerify(message, coldkey.sign(message), coldkeyAddress).isValid).toBe(true);
    });

    it('fails cleanly on a wrong password from the prompt', async () => {
      const prompt = jest.fn(async () => 'Tr0ub4dor&3');
      const failure = loadColdkey(wallet, { env: {}, prompt });
      await expect(failure).rejects.toThrow(WrongPasswordError);
      await expect(failure).rejects.toThrow(`wrong password for ${walletPaths(wallet).coldkey}`);
      expect(prompt).toHaveBeenCalledWith({ path: walletPaths(wallet).coldkey, envVar: passwordEnvVarName(walletPaths(wallet).coldkey), purpose: 'unlock' });
    });

    it('names the variable to set when there is no password at all', async () => {
      await expect(readKeyfile(walletPaths(wallet).coldkey, { env: {} })).rejects.toThrow(PasswordRequiredError);
      await expect(loadColdkey(wallet, { env: {} })).rejects.toThrow(passwordEnvVarName(walletPaths(wallet).coldkey));
    });

    it('never logs a secret, only paths and addresses', () => {
      const text = log.text();
      expect(text).toContain(coldkeyAddress);
      expect(text).toContain(walletPaths(wallet).coldkey);
      expect(text).not.toContain(password);
      for (const mnemonic of mnemonics) {
        const words = mnemonic.split(' ');
        for (let i = 0; i + 1 < words.length; i++) expect(text).not.toContain(`${words[i]} ${words[i + 1]}`);
        const material = keyMaterialFromMnemonic(mnemonic);
        for (const secret of [material.seed!, material.secretKey!.subarray(0, 32)]) expect(text).not.toContain(Buffer.from(secret).toString('hex'));
      }
      expect(text).not.toMatch(/privateKey|secretSeed|secretPhrase/);
    });
  });
});

function hotkeyJsonPublic(mnemonic: string): string {
  return `0x${Buffer.from(keyMaterialFromMnemonic(mnemonic).publicKey).toString('hex')}`;
}
