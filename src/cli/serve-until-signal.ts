import type { Logger } from '../logging';

/** What a long-running command listens to for SIGINT/SIGTERM (injectable for tests). */
export interface StopSignals {
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/**
 * Resolves once the service has stopped after SIGINT or SIGTERM. The first signal runs `stop`
 * (its failure is logged, never thrown); a second one exits at once with code 1.
 */
export function serveUntilSignal(options: {
  name: string;
  stoppingMessage: string;
  stop: () => Promise<void>;
  signals: StopSignals;
  stderr: NodeJS.WritableStream;
  logger: Logger;
}): Promise<void> {
  const { name, signals, stderr } = options;
  return new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (): void => {
      if (stopping) {
        stderr.write(`${name}: second signal, exiting at once\n`);
        process.exit(1);
      }
      stopping = true;
      stderr.write(`${name}: stopping (${options.stoppingMessage}; signal again to exit at once)\n`);
      void options.stop().then(resolve, (error: unknown) => {
        options.logger.error({ err: (error as Error).message }, 'stop failed');
        resolve();
      });
      // A second signal must reach onSignal again.
      signals.once('SIGINT', onSignal);
      signals.once('SIGTERM', onSignal);
    };
    signals.once('SIGINT', onSignal);
    signals.once('SIGTERM', onSignal);
  });
}
