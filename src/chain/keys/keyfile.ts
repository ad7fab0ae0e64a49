import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { silentLogger, type Logger } from '../../logging';
import { KeyError, KeyfileExistsError, KeyfileNotFoundError, UnsupportedEncryptionError } from './errors';
import { keyfileJson, keyMaterialFromKeyfileJson } from './keyfile-data';
import { ss58Address, type KeyMaterial } from './keypair';
import { decryptKeyfileData, encryptKeyfileData, ENCODING_NAMES, keyfileEncoding, type KeyfileEncoding } from './nacl';
import { obtainPassword, type PasswordSources } from './password';

/** Keyfiles are written for their owner only, as btwallet does. */
export const KEYFILE_MODE = 0o600;
/** Wallet directories this project creates are private too. */
export const WALLET_DIR_MODE = 0o700;

export interface ReadKeyfileOptions extends PasswordSources {
  /** How to create the file, for the message of KeyfileNotFoundError. */
  readonly missingHint?: string;
  /** Logs the path and ss58 address only. */
  readonly logger?: Logger;
}

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException)?.code === code;
}

/** The raw bytes of a keyfile, or KeyfileNotFoundError. */
export async function readKeyfileBytes(path: string, missingHint = 'create it with `pog wallet create`'): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new KeyfileNotFoundError(path, missingHint);
    throw new KeyError(`cannot read ${path}: ${(error as Error).message}`, { path });
  }
}

/** How the keyfile at `path` is stored, or null when there is no file. */
export async function keyfileEncodingAt(path: string): Promise<KeyfileEncoding | null> {
  try {
    return keyfileEncoding(await readFile(path));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw new KeyError(`cannot read ${path}: ${(error as Error).message}`, { path });
  }
}

/**
 * The key in the keyfile at `path`: plain JSON, or `$NACL`-encrypted with the password from
 * `options` (explicit, `BT_PW_<path>`, or the prompt). Ansible Vault and Fernet files fail
 * with UnsupportedEncryptionError naming the format.
 */
export async function readKeyfile(path: string, options: ReadKeyfileOptions = {}): Promise<KeyMaterial> {
  const logger = options.logger ?? silentLogger;
  const data = await readKeyfileBytes(path, options.missingHint);
  const encoding = keyfileEncoding(data);
  let json = data;
  if (encoding === 'ansible-vault' || encoding === 'fernet') throw new UnsupportedEncryptionError(path, ENCODING_NAMES[encoding]);
  if (encoding === 'nacl') {
    const password = await obtainPassword(path, options, 'unlock');
    logger.debug({ path }, 'decrypting keyfile');
    json = await decryptKeyfileData(data, password, path);
  }
  try {
    const material = keyMaterialFromKeyfileJson(json, path);
    logger.debug({ path, ss58Address: ss58Address(material.publicKey), encrypted: encoding === 'nacl' }, 'loaded keyfile');
    return material;
  } finally {
    if (json !== data) json.fill(0);
  }
}

export interface WriteKeyfileOptions {
  /** Encrypt with `$NACL` under this password; plain JSON when absent. */
  readonly password?: string;
  /** Write only the public fields (`coldkeypub.txt`, `<hotkey>pub.txt`). */
  readonly publicOnly?: boolean;
  /** Replace an existing file; otherwise KeyfileExistsError. */
  readonly overwrite?: boolean;
  readonly logger?: Logger;
}

/**
 * Writes `material` as a Bittensor keyfile at `path`, mode 0600, creating missing directories
 * (mode 0700). Without `overwrite`, an existing file is never touched (the check and the
 * creation are one atomic `open(O_EXCL)`); with it, the file is replaced atomically by rename.
 */
export async function writeKeyfile(path: string, material: KeyMaterial, options: WriteKeyfileOptions = {}): Promise<void> {
  const logger = options.logger ?? silentLogger;
  const json = Buffer.from(keyfileJson(material, { publicOnly: options.publicOnly }), 'utf8');
  let data: Uint8Array = json;
  if (options.password !== undefined) {
    data = await encryptKeyfileData(json, options.password);
    json.fill(0);
  }
  await mkdir(dirname(path), { recursive: true, mode: WALLET_DIR_MODE });
  try {
    if (options.overwrite) {
      const temporary = `${path}.tmp-${randomBytes(6).toString('hex')}`;
      try {
        await writeFile(temporary, data, { mode: KEYFILE_MODE, flag: 'wx' });
        await chmod(temporary, KEYFILE_MODE);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    } else {
      await writeFile(path, data, { mode: KEYFILE_MODE, flag: 'wx' });
      await chmod(path, KEYFILE_MODE);
    }
  } catch (error) {
    if (isErrno(error, 'EEXIST')) throw new KeyfileExistsError(path);
    throw new KeyError(`cannot write ${path}: ${(error as Error).message}`, { path });
  } finally {
    data.fill(0);
  }
  logger.info({ path, ss58Address: ss58Address(material.publicKey), encrypted: options.password !== undefined, publicOnly: options.publicOnly ?? false }, 'wrote keyfile');
}
