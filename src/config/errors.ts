import { BaseError } from '../base';

/** A configuration file, environment variable or flag that does not satisfy its schema. */
export class ConfigError extends BaseError {
  constructor(message: string, details: Record<string, unknown> = {}, options: { cause?: unknown } = {}) {
    super(message, { details, cause: options.cause });
  }

  /** Bad input the user can fix: the CLI exits with code 2. */
  override get exitCode(): number {
    return 2;
  }
}
