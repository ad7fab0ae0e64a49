import { BaseError } from '../base';

/**
 * Prints one clear line for an error that ends a command and returns the exit code the error
 * carries (BaseError.exitCode: 2 for bad input such as configuration or parameters, 1 for
 * everything else; 1 for an error from outside the project). Stack traces only with
 * POG_DEBUG=1, since users act on the message, not the trace.
 */
export function reportFatal(error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`pog: error: ${message}\n`);
  if (process.env.POG_DEBUG === '1' && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return error instanceof BaseError ? error.exitCode : 1;
}
