import { BaseError } from '../base';
import { ConfigError } from '../config';

/**
 * Errors raised by the economy model. One class per failure mode a caller handles
 * differently; each carries a short message and structured details.
 */
export class EconomyError extends BaseError {
  constructor(message: string, details: Record<string, unknown> = {}, options: { cause?: unknown } = {}) {
    super(message, { details, cause: options.cause });
  }
}

/** An argument to one of the model's equations outside its domain (a negative price, a zero token price). */
export class InvalidEconomyInputError extends EconomyError {}

/** The market degenerated during a run: zero circulating supply or zero token demand, so no price exists. */
export class DegenerateMarketError extends EconomyError {}

/** The SVG chart could not be written where it was asked for. */
export class ChartWriteError extends EconomyError {}

/**
 * A simulation configuration that does not satisfy its schema. It is a ConfigError, so the
 * CLI reports it as bad input (exit code 2) like every other configuration problem.
 */
export class InvalidEconomyConfigError extends ConfigError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    this.name = 'InvalidEconomyConfigError';
  }
}
