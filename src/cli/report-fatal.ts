import { ConfigError } from '../config';
import { PogError } from '../pog/errors';

/**
 * Prints one clear line for an error that ends a command and returns the exit code:
 * 2 for bad input (configuration, parameters), 1 for everything else. Stack traces only
 * with POG_DEBUG=1, since users act on the message, not the trace.
 */
export function reportFatal(error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`pog: error: ${message}\n`);
  if (process.env.POG_DEBUG === '1' && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  if (error instanceof ConfigError) return 2;
  if (error instanceof PogError && error.name === 'InvalidParamsError') return 2;
  return 1;
}
