import type { Logger } from '../../logging';
import type { MetagraphView } from './validator-access';

export interface MetagraphRefresherOptions<M extends MetagraphView> {
  readonly load: () => Promise<M>;
  readonly intervalMs: number;
  readonly onMetagraph: (metagraph: M) => void;
  readonly onFailure?: (error: Error) => void;
  readonly logger: Logger;
}

/**
 * Re-reads the metagraph every `intervalMs` in the background. A failed read is logged and
 * the last good metagraph stays in use: a chain hiccup never stops the miner serving.
 */
export class MetagraphRefresher<M extends MetagraphView> {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<boolean> | undefined;
  private stopped = false;

  constructor(private readonly options: MetagraphRefresherOptions<M>) {}

  start(): void {
    if (this.stopped || this.timer) return;
    this.schedule();
  }

  /** One refresh now (joined with one already running); true when it succeeded. */
  refresh(): Promise<boolean> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.refresh().then(() => {
        if (!this.stopped) this.schedule();
      });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async load(): Promise<boolean> {
    try {
      const metagraph = await this.options.load();
      if (this.stopped) return false;
      this.options.onMetagraph(metagraph);
      this.options.logger.debug({ block: metagraph.block, n: metagraph.hotkeys.length }, 'metagraph refreshed');
      return true;
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      this.options.onFailure?.(e);
      this.options.logger.warn({ err: e.message }, 'metagraph refresh failed; keeping the last one');
      return false;
    }
  }
}
