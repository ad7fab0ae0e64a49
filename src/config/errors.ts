/** A configuration file, environment variable or flag that does not satisfy its schema. */
export class ConfigError extends Error {
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ConfigError';
  }
}
