import { resolve } from 'node:path';
import {
  decodePasswordFromEnv,
  encodePasswordForEnv,
  obtainPassword,
  PasswordRequiredError,
  passwordEnvVarCandidates,
  passwordEnvVarName,
} from '../../../src/chain';

const COLDKEY = '/home/ubuntu/.bittensor/wallets/test/coldkey';
const VAR = 'BT_PW__HOME_UBUNTU__BITTENSOR_WALLETS_TEST_COLDKEY';

describe('BT_PW_<path> passwords', () => {
  it('names the variable as btwallet does', () => {
    expect(passwordEnvVarName(COLDKEY)).toBe(VAR);
    expect(passwordEnvVarName('/tmp/w/miner/hotkeys/default')).toBe('BT_PW__TMP_W_MINER_HOTKEYS_DEFAULT');
  });

  it('encodes the value as base64(password XOR variable name)', () => {
    // 'B' ^ 'B' = 0, 'T' ^ 'T' = 0: a password equal to the name's prefix encodes to zero bytes.
    expect(encodePasswordForEnv('BT_PW', VAR)).toBe(Buffer.alloc(5).toString('base64'));
    // 'a' (0x61) ^ 'B' (0x42) = 0x23
    expect(Buffer.from(encodePasswordForEnv('a', VAR), 'base64')).toEqual(Buffer.from([0x23]));
    for (const password of ['hunter2', 'correct horse battery staple', 'pässwörd✓', 'x'.repeat(200)]) {
      const value = encodePasswordForEnv(password, VAR);
      expect(value).not.toContain(password);
      expect(decodePasswordFromEnv(value, VAR)).toBe(password);
    }
  });

  it('takes the explicit password, then the variable, then the prompt', async () => {
    const env = { [VAR]: encodePasswordForEnv('from env', VAR) };
    const prompt = jest.fn(async () => 'from prompt');
    expect(await obtainPassword(COLDKEY, { password: 'explicit', env, prompt }, 'unlock')).toBe('explicit');
    expect(await obtainPassword(COLDKEY, { env, prompt }, 'unlock')).toBe('from env');
    expect(prompt).not.toHaveBeenCalled();
    expect(await obtainPassword(COLDKEY, { env: {}, prompt }, 'new')).toBe('from prompt');
    expect(prompt).toHaveBeenCalledWith({ path: COLDKEY, envVar: VAR, purpose: 'new' });
  });

  it('also accepts the variable named after the absolute path', async () => {
    const relative = 'wallets/test/coldkey';
    const [asGiven, absolute] = passwordEnvVarCandidates(relative);
    expect(asGiven).toBe('BT_PW_WALLETS_TEST_COLDKEY');
    expect(absolute).toBe(passwordEnvVarName(resolve(relative)));
    expect(await obtainPassword(relative, { env: { [absolute!]: encodePasswordForEnv('pw', absolute!) } }, 'unlock')).toBe('pw');
  });

  it('names the variable to set when there is no password', async () => {
    await expect(obtainPassword(COLDKEY, { env: {} }, 'unlock')).rejects.toThrow(PasswordRequiredError);
    await expect(obtainPassword(COLDKEY, { env: {} }, 'unlock')).rejects.toThrow(`${COLDKEY} is encrypted and no password was given: set ${VAR}`);
    await expect(obtainPassword(COLDKEY, { env: { [VAR]: '' } }, 'new')).rejects.toThrow(/--no-password/);
  });
});
