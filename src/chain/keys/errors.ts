import { BaseError } from '../../base';
/**
 * Errors raised while resolving, reading or writing keys. One class per failure mode a caller
 * handles differently. Messages name paths and ss58 addresses only: never a mnemonic, seed,
 * private key or password, so an error can be printed or logged as it is.
 */
export class KeyError extends BaseError {
  constructor(message: string, details: Record<string, unknown> = {}, options: { cause?: unknown } = {}) {
    super(message, { details, cause: options.cause });
  }
}

/** A keyfile (or wallet directory) that does not exist. The message says how to create it. */
export class KeyfileNotFoundError extends KeyError {
  constructor(readonly path: string, hint: string) {
    super(`${path} does not exist: ${hint}`, { path });
  }
}

/** A keyfile that is about to be written already exists and overwriting was not asked for. */
export class KeyfileExistsError extends KeyError {
  constructor(readonly path: string, hint = 'pass --overwrite to replace it, after backing up its mnemonic') {
    super(`${path} already exists; refusing to overwrite it (${hint})`, { path });
  }
}

/**
 * A `$NACL` keyfile whose secretbox does not open with the key derived from the password:
 * the password is wrong, or the file was modified (the two are indistinguishable by design).
 */
export class WrongPasswordError extends KeyError {
  constructor(readonly path: string) {
    super(`wrong password for ${path} (or the encrypted file was modified)`, { path });
  }
}

/** An encrypted keyfile that needs a password, with no password given, in the env or from a prompt. */
export class PasswordRequiredError extends KeyError {
  constructor(readonly path: string, readonly envVar: string, purpose: 'unlock' | 'new' = 'unlock') {
    super(
      purpose === 'new'
        ? `no password for the new keyfile ${path}: set ${envVar} (see \`pog wallet password-env --help\`), run in a terminal to be prompted, or ask for no encryption (--no-password)`
        : `${path} is encrypted and no password was given: set ${envVar} (see \`pog wallet password-env --help\`) or run in a terminal to be prompted`,
      { path, envVar },
    );
  }
}

/** A keyfile encrypted with a scheme this project does not decrypt (Ansible Vault, Fernet, …). */
export class UnsupportedEncryptionError extends KeyError {
  constructor(readonly path: string, readonly format: string) {
    super(
      `${path} is encrypted with ${format}, which pog does not support: re-encrypt it with Bittensor's current $NACL scheme (\`btcli wallet regen-coldkey\` with its mnemonic)`,
      { path, format },
    );
  }
}

/** A keyfile that cannot be parsed, or whose fields are malformed or inconsistent in shape. */
export class CorruptKeyfileError extends KeyError {
  constructor(readonly path: string, reason: string) {
    super(`${path} is not a valid Bittensor keyfile: ${reason}`, { path, reason });
  }
}

/** A keyfile whose secret derives a different key than the ss58 address / public key it records. */
export class AddressMismatchError extends KeyError {
  constructor(readonly path: string, readonly expected: string, readonly actual: string, what = 'the key derived from its secret') {
    super(`${path} records ${expected} but ${what} is ${actual}`, { path, expected, actual });
  }
}

/** A mnemonic, seed or key URI that is malformed. The message never repeats the input. */
export class InvalidKeyError extends KeyError {}
