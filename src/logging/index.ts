export { createRootLogger, silentLogger, REDACTED_PATHS, type Logger, type LoggerOptions } from './logger';
