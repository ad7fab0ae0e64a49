import { connectChain, type ChainClient, type RetryOptions } from '../chain';
import { jsReferencePair, ortReferencePair, WorkloadRunner } from '../pog';
import { protocolCryptoReady } from '../protocol';
import { serveMetrics, ValidatorMetrics } from './metrics';
import { Validator, type ValidatorOptions } from './validator';

export interface StartValidatorOptions extends Omit<ValidatorOptions, 'client' | 'metrics' | 'reference'> {
  /** The chain endpoint, or a client the caller owns (then it is not closed by stop()). */
  readonly chain: string | ChainClient;
  readonly connectRetry?: RetryOptions;
  /**
   * The float64 recomputation: `ort` (onnxruntime's CPU EP in a worker thread started here),
   * `js` (the pure-JS reference), or absent for the Validator's default.
   */
  readonly reference?: 'js' | 'ort';
  /** Serve Prometheus GET /metrics (with process metrics) on host:port (port 0: any free one); absent: no metrics. */
  readonly metrics?: { readonly host: string; readonly port: number };
}

export interface RunningValidator {
  readonly validator: Validator;
  readonly client: ChainClient;
  /** The metrics server's port; null when none was asked for. */
  readonly metricsPort: number | null;
  /** Stops the loop (the round in flight is aborted, what was committed stays), then the runner, the metrics server and an owned client. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a validator: connects (or uses the given client), readies the protocol's crypto,
 * serves metrics, starts the reference runner, opens the score store and starts the epoch loop.
 * Whatever was started is closed again when a step fails. The CLI and the demo both start it here.
 */
export async function startValidator(options: StartValidatorOptions): Promise<RunningValidator> {
  const { chain, connectRetry, reference, metrics: metricsAt, ...rest } = options;
  const cleanup: (() => Promise<void>)[] = [];
  const unwind = async () => {
    for (const step of cleanup.reverse()) await step().catch((e: unknown) => options.logger.warn({ err: (e as Error).message }, 'cleanup failed'));
  };
  try {
    const client = typeof chain === 'string' ? await connectChain({ endpoint: chain, logger: options.logger, ...(connectRetry ? { retry: connectRetry } : {}) }) : chain;
    if (typeof chain === 'string') cleanup.push(() => client.close());
    await protocolCryptoReady();
    const metrics = metricsAt ? new ValidatorMetrics({ processMetrics: true }) : undefined;
    const server = metrics && metricsAt ? await serveMetrics(metrics, metricsAt.host, metricsAt.port) : null;
    if (server) cleanup.push(() => server.close());
    const runner = reference === 'ort' ? await WorkloadRunner.start({ device: 'cpu', logger: options.logger.child({ module: 'reference' }) }) : null;
    if (runner) cleanup.push(() => runner.close());
    const validator = new Validator({
      ...rest,
      client,
      ...(metrics ? { metrics } : {}),
      ...(reference === undefined ? {} : { reference: runner ? ortReferencePair(runner) : jsReferencePair }),
    });
    validator.start();
    let stopping: Promise<void> | undefined;
    return {
      validator,
      client,
      metricsPort: server?.port ?? null,
      stop: () =>
        (stopping ??= (async () => {
          const stopped = validator.stop();
          // Chain calls waiting for a chain that went away (a submit waiting to reconnect) would hold
          // the stop until their deadlines: without a connection, close the client so they fail now.
          // Only a client this function owns is closed early; a caller's client stays the caller's.
          const owned = typeof chain === 'string';
          const giveUp = (): void => void client.close();
          const offDisconnected = owned ? client.on('disconnected', giveUp) : () => undefined;
          if (owned && !client.isConnected) giveUp();
          await stopped;
          offDisconnected();
          await unwind();
        })()),
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}
