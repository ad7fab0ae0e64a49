import pino, { type Logger, type LevelWithSilent } from 'pino';

/** Paths whose values never reach a log line (mnemonics, passwords, raw secrets). */
export const REDACTED_PATHS = [
  ...['mnemonic', 'password', 'secret', 'seedPhrase', 'secretPhrase', 'secretSeed', 'secretKey', 'privateKey'].flatMap((key) => [key, `*.${key}`]),
];

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Where log lines go; stderr by default so that stdout stays clean for `--json` output. */
  destination?: NodeJS.WritableStream;
}

/** The one root logger of a process. Modules take `logger.child({ module: 'name' })`. */
export function createRootLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? pino.destination({ fd: 2, sync: true });
  return pino(
    { level: options.level ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { pid: process.pid } },
    destination,
  );
}

/** A logger that drops everything; the default for library code called without one. */
export const silentLogger: Logger = pino({ level: 'silent' });

export type { Logger };
