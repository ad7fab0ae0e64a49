import { BaseError } from '../../../base';

/** The RPC server could not start listening. */
export class RpcServerStartError extends BaseError {
  constructor(
    message: string,
    readonly host: string,
    readonly port: number,
    /** The system error code, e.g. `EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`. */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, { details: { host, port, code }, cause: options?.cause });
  }
}

/** Another process already listens on the requested port. */
export class RpcPortInUseError extends RpcServerStartError {
  constructor(host: string, port: number, cause?: unknown) {
    super(
      `cannot start the dev chain RPC server: port ${port} on ${host} is already in use (another node or devnet running?); choose another port, or 0 for a free one`,
      host,
      port,
      'EADDRINUSE',
      { cause },
    );
    this.name = 'RpcPortInUseError';
  }
}
