import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePasswordFromEnv, encodePasswordForEnv, keypairFromMnemonic, loadColdkeypub, loadHotkey, passwordEnvVarName } from '../../src/chain';

// The built CLI, exactly as `npx pog` runs it (`npm test` builds first).
const CLI = join(__dirname, '../../dist/src/cli/main.js');
const root = mkdtempSync(join(tmpdir(), 'pog-wallet-cli-'));
const mode = (path: string) => statSync(path).mode & 0o777;

/** Runs pog with a clean BT_* environment plus `env`; stdin is not a terminal. */
function pog(args: string[], env: Record<string, string> = {}, input = '') {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BT_')));
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, input, env: { ...clean, POG_DEBUG: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const files = (name: string, hotkey = 'default') => ({
  coldkey: join(root, name, 'coldkey'),
  coldkeypub: join(root, name, 'coldkeypub.txt'),
  hotkey: join(root, name, 'hotkeys', hotkey),
  hotkeypub: join(root, name, 'hotkeys', `${hotkey}pub.txt`),
});

describe('pog wallet', () => {
  it('documents its commands and flags', () => {
    const top = pog(['wallet', '--help']);
    expect(top.code).toBe(0);
    for (const command of ['create', 'new-hotkey', 'show', 'password-env']) expect(top.stdout).toContain(command);
    const create = pog(['wallet', 'create', '--help']);
    expect(create.code).toBe(0);
    for (const flag of ['--wallet.name', '--wallet.hotkey', '--wallet.path', '--no-password', '--overwrite', '--json', 'BT_WALLET_NAME', 'BT_WALLET_PATH', 'BT_PW_']) {
      expect(create.stdout).toContain(flag);
    }
    expect(pog(['--help']).stdout).toMatch(/wallet/);
  });

  it('creates a wallet, prints each mnemonic once with a warning, and writes 0600 files', async () => {
    const { code, stdout, stderr } = pog(['wallet', 'create', '--wallet.name', 'miner', '--wallet.path', root, '--no-password']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const f = files('miner');
    for (const path of Object.values(f)) expect(mode(path)).toBe(0o600);

    const coldkeyMnemonic = /^coldkey mnemonic\s+(.+)$/m.exec(stdout)![1]!;
    const hotkeyMnemonic = /^hotkey mnemonic\s+(.+)$/m.exec(stdout)![1]!;
    expect(stdout).toMatch(/WARNING: each mnemonic below is the only way to recover its key/);
    for (const mnemonic of [coldkeyMnemonic, hotkeyMnemonic]) {
      expect(mnemonic.split(' ')).toHaveLength(12);
      expect(stdout.split(mnemonic)).toHaveLength(2); // printed exactly once
    }
    const wallet = { name: 'miner', hotkey: 'default', path: root };
    const coldkey = (await loadColdkeypub(wallet)).ss58Address;
    const hotkey = (await loadHotkey(wallet)).address;
    expect(keypairFromMnemonic(coldkeyMnemonic).address).toBe(coldkey);
    expect(keypairFromMnemonic(hotkeyMnemonic).address).toBe(hotkey);
    expect(stdout).toMatch(new RegExp(`^coldkey\\s+${coldkey}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^hotkey\\s+${hotkey}$`, 'm'));
    for (const path of Object.values(f)) expect(stdout).toContain(path);
    expect(stdout).toContain(`${f.coldkey} (NOT encrypted)`);
  });

  it('refuses to overwrite, naming the file, and leaves it as it was', () => {
    const args = ['wallet', 'create', '--wallet.name', 'keep', '--wallet.path', root, '--no-password', '--json'];
    expect(pog(args).code).toBe(0);
    const before = readFileSync(files('keep').coldkey, 'utf8');
    const again = pog(args);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(
      `pog: error: ${files('keep').coldkey} already exists; refusing to overwrite it (to add a hotkey to this wallet, use \`pog wallet new-hotkey\`; --overwrite would replace the coldkey, whose funds are lost without its mnemonic)\n`,
    );
    const hotkeyAgain = pog(['wallet', 'new-hotkey', '--wallet.name', 'keep', '--wallet.path', root]);
    expect(hotkeyAgain.code).toBe(1);
    expect(hotkeyAgain.stderr).toBe(`pog: error: ${files('keep').hotkey} already exists; refusing to overwrite it (pass --overwrite to replace it, after backing up its mnemonic)\n`);
    expect(readFileSync(files('keep').coldkey, 'utf8')).toBe(before);
    const replaced = pog([...args, '--overwrite']);
    expect(replaced.code).toBe(0);
    expect(readFileSync(files('keep').coldkey, 'utf8')).not.toBe(before);
  });

  it('prints JSON with --json, and show prints the addresses and no secret', () => {
    const created = pog(['wallet', 'create', '--wallet.name', 'shown', '--wallet.hotkey', 'hk1', '--wallet.path', root, '--no-password', '--json']);
    expect(created.code).toBe(0);
    const report = JSON.parse(created.stdout);
    expect(report).toMatchObject({
      wallet: { name: 'shown', hotkey: 'hk1', path: join(root, 'shown') },
      coldkey: { path: files('shown').coldkey, publicPath: files('shown').coldkeypub, encrypted: false },
      hotkey: { path: files('shown', 'hk1').hotkey, publicPath: files('shown', 'hk1').hotkeypub, encrypted: false },
    });
    expect(keypairFromMnemonic(report.coldkey.mnemonic).address).toBe(report.coldkey.ss58Address);

    const extra = pog(['wallet', 'new-hotkey', '--wallet.name', 'shown', '--wallet.hotkey', 'hk2', '--wallet.path', root, '--json']);
    expect(extra.code).toBe(0);
    const hk2 = JSON.parse(extra.stdout).hotkey;

    const show = pog(['wallet', 'show', '--wallet.name', 'shown', '--wallet.path', root]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(new RegExp(`^coldkey\\s+${report.coldkey.ss58Address}\\s+\\(coldkey NOT encrypted\\)$`, 'm'));
    expect(show.stdout).toMatch(new RegExp(`^hotkey\\s+hk1\\s+${report.hotkey.ss58Address}$`, 'm'));
    expect(show.stdout).toMatch(new RegExp(`^hotkey\\s+hk2\\s+${hk2.ss58Address}$`, 'm'));
    const showJson = pog(['wallet', 'show', '--wallet.name', 'shown', '--wallet.path', root, '--json']);
    expect(JSON.parse(showJson.stdout).hotkeys.map((h: { name: string }) => h.name)).toEqual(['hk1', 'hk2']);
    for (const output of [show.stdout, showJson.stdout]) {
      for (const mnemonic of [report.coldkey.mnemonic, report.hotkey.mnemonic, hk2.mnemonic]) expect(output).not.toContain(mnemonic.split(' ').slice(0, 2).join(' '));
      expect(output).not.toMatch(/privateKey|secretSeed|secretPhrase|mnemonic/);
    }
  });

  it('takes the wallet from BT_WALLET_* when no flag is given', () => {
    const created = pog(['wallet', 'create', '--no-password', '--json'], { BT_WALLET_PATH: root, BT_WALLET_NAME: 'from-env', BT_WALLET_HOTKEY: 'envhk' });
    expect(created.code).toBe(0);
    expect(existsSync(files('from-env', 'envhk').hotkey)).toBe(true);
    const show = pog(['wallet', 'show', '--wallet.hotkey', 'ignored', '--json'], { BT_WALLET_PATH: root, BT_WALLET_NAME: 'from-env' });
    expect(JSON.parse(show.stdout).coldkeypub.ss58Address).toBe(JSON.parse(created.stdout).coldkey.ss58Address);
  });

  it('names the missing wallet and how to create it', () => {
    const { code, stdout, stderr } = pog(['wallet', 'show', '--wallet.name', 'ghost', '--wallet.path', root]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`pog: error: ${join(root, 'ghost')} does not exist: create the wallet with \`pog wallet create --wallet.name ghost --wallet.hotkey default --wallet.path ${root}\` (or \`btcli wallet new-coldkey\`)\n`);
  });

  it('rejects a bad wallet name with exit code 2', () => {
    const { code, stderr } = pog(['wallet', 'create', '--wallet.name', '../up', '--wallet.path', root, '--no-password']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^pog: error: invalid wallet option: --wallet\.name \/ BT_WALLET_NAME: the wallet name must be a plain file name/);
  });

  it('asks for a password (or --no-password) when there is no terminal and no BT_PW_ variable', () => {
    const { code, stderr } = pog(['wallet', 'create', '--wallet.name', 'nopw', '--wallet.path', root]);
    expect(code).toBe(1);
    expect(stderr).toContain(`pog: error: no password for the new keyfile ${files('nopw').coldkey}: set ${passwordEnvVarName(files('nopw').coldkey)}`);
    expect(existsSync(files('nopw').coldkey)).toBe(false);
  });

  it('prints the BT_PW_ variable for a password piped on stdin', () => {
    const { code, stdout } = pog(['wallet', 'password-env', '--wallet.name', 'enc', '--wallet.path', root], {}, 'hunter22\n');
    expect(code).toBe(0);
    const envVar = passwordEnvVarName(files('enc').coldkey);
    const match = new RegExp(`^export ${envVar}=(\\S+)\\n$`).exec(stdout);
    expect(match).not.toBeNull();
    expect(decodePasswordFromEnv(match![1]!, envVar)).toBe('hunter22');
  });

  // One argon2i derivation (about 5 s) in the child process.
  it('encrypts the coldkey with $NACL under the password from BT_PW_<path>', () => {
    const envVar = passwordEnvVarName(files('enc').coldkey);
    const { code, stdout } = pog(['wallet', 'create', '--wallet.name', 'enc', '--wallet.path', root, '--json'], { [envVar]: encodePasswordForEnv('hunter22', envVar) });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).coldkey.encrypted).toBe(true);
    const data = readFileSync(files('enc').coldkey);
    expect(data.subarray(0, 5).toString('latin1')).toBe('$NACL');
    expect(mode(files('enc').coldkey)).toBe(0o600);
    const show = pog(['wallet', 'show', '--wallet.name', 'enc', '--wallet.path', root]);
    expect(show.stdout).toMatch(/\(coldkey encrypted with \$NACL\)/);
  });
});
