/** What every error of this project may carry besides its one-line message. */
export interface BaseErrorOptions {
  /** Structured facts for logs and callers (paths, ids, counts); never a secret. */
  readonly details?: Record<string, unknown>;
  /** The error this one wraps, kept so `POG_DEBUG=1` and loggers can show the whole chain. */
  readonly cause?: unknown;
}

/**
 * The root of every error class in this project (viem's shape): `shortMessage` is the one line
 * a user acts on, `details` the structured facts, `cause` the wrapped error, `name` the class.
 * Each module's own root (ConfigError, ChainError, PogError, ...) extends it, so the CLI can
 * print any failure the same way and decide its exit code from the error itself.
 */
export class BaseError extends Error {
  readonly shortMessage: string;
  readonly details: Record<string, unknown>;

  constructor(shortMessage: string, options: BaseErrorOptions = {}) {
    super(shortMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details ?? {};
    this.name = new.target.name;
  }

  /**
   * The process exit code when this error ends a command: 2 for bad input (a flag, a config
   * file, a parameter the user can fix), 1 for every other failure. Input errors override it.
   */
  get exitCode(): number {
    return 1;
  }

}
