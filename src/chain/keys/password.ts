import { resolve, sep } from 'node:path';
import { PasswordRequiredError } from './errors';

/**
 * The environment variable Bittensor reads a keyfile's password from (btwallet
 * `Keyfile.env_var_name`): `BT_PW_` + the keyfile path with the path separator and `.` turned
 * into `_`, upper-cased. `/home/ubuntu/.bittensor/wallets/test/coldkey` gives
 * `BT_PW__HOME_UBUNTU__BITTENSOR_WALLETS_TEST_COLDKEY`.
 */
export function passwordEnvVarName(keyfilePath: string): string {
  return `BT_PW_${keyfilePath.split(sep).join('_').split('.').join('_').toUpperCase()}`;
}

function xorWithName(bytes: Uint8Array, envVarName: string): Buffer {
  const key = Buffer.from(envVarName, 'utf8');
  return Buffer.from(bytes.map((b, i) => b ^ key[i % key.length]!));
}

/**
 * The value Bittensor expects in that variable: base64 of the UTF-8 password XOR-ed with the
 * variable's own name (btwallet `save_password_to_env`). Obfuscation, not encryption: anyone
 * who can read the environment can recover the password.
 */
export function encodePasswordForEnv(password: string, envVarName: string): string {
  return xorWithName(Buffer.from(password, 'utf8'), envVarName).toString('base64');
}

/** The inverse of {@link encodePasswordForEnv}. */
export function decodePasswordFromEnv(value: string, envVarName: string): string {
  return xorWithName(Buffer.from(value.trim(), 'base64'), envVarName).toString('utf8');
}

/** What a password prompt is told: which file, and whether the password is new. */
export interface PasswordRequest {
  readonly path: string;
  readonly envVar: string;
  /** `unlock` an existing keyfile, or choose the password of a `new` one. */
  readonly purpose: 'unlock' | 'new';
}

/** Asks a person for a password (a terminal prompt in the CLI; anything in tests). */
export type PasswordPrompt = (request: PasswordRequest) => Promise<string>;

/** Where a keyfile's password may come from, tried in this order. */
export interface PasswordSources {
  /** Given directly (e.g. by a caller that has its own secret store). */
  readonly password?: string;
  /** Where to look for `BT_PW_<path>`; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Called when neither of the above has one. */
  readonly prompt?: PasswordPrompt;
}

/**
 * The variable names a keyfile's password is looked up under: the name for the path as given
 * (how btwallet names it: `~` expanded, not made absolute), then for the absolute path.
 */
export function passwordEnvVarCandidates(keyfilePath: string): string[] {
  return [...new Set([passwordEnvVarName(keyfilePath), passwordEnvVarName(resolve(keyfilePath))])];
}

/**
 * The password for `keyfilePath`: the explicit one, else `BT_PW_<path>` decoded, else the
 * prompt's answer; PasswordRequiredError (naming the variable) when there is none.
 */
export async function obtainPassword(keyfilePath: string, sources: PasswordSources, purpose: PasswordRequest['purpose']): Promise<string> {
  if (sources.password !== undefined) return sources.password;
  const env = sources.env ?? process.env;
  const candidates = passwordEnvVarCandidates(keyfilePath);
  for (const name of candidates) {
    const value = env[name];
    if (value !== undefined && value !== '') return decodePasswordFromEnv(value, name);
  }
  if (sources.prompt) return sources.prompt({ path: keyfilePath, envVar: candidates[0]!, purpose });
  throw new PasswordRequiredError(keyfilePath, candidates[0]!, purpose);
}
