/**
 * Which browser origins may use the RPC endpoint, like Substrate's `--rpc-cors`: `all`
 * (or `*`) turns the check off; otherwise a comma-separated list of origins
 * (`protocol://host[:port]`, the special value `null`), where a `:*` port matches any port.
 * A request without an `Origin` header (curl, Node, polkadot.js outside a browser) is not
 * a cross-origin request and is always allowed: the check exists so that a web page the
 * user happens to open cannot drive the dev chain, whose keys are public.
 */
export type OriginPolicy = { readonly all: true } | { readonly all: false; readonly origins: readonly string[] };

/** Substrate's default outside `--dev` (sc-cli `RpcParams::rpc_cors`): localhost, 127.0.0.1 and polkadot.js apps. */
export const DEFAULT_RPC_CORS: readonly string[] = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'https://localhost:*',
  'https://127.0.0.1:*',
  'https://polkadot.js.org',
];

export class InvalidCorsError extends Error {
  constructor(readonly value: string) {
    super(`--rpc-cors takes "all" or a comma-separated list of origins like http://localhost:*, got ${JSON.stringify(value)}`);
    this.name = 'InvalidCorsError';
  }
}

const ORIGIN_PATTERN = /^(?:null|[a-z][a-z0-9+.-]*:\/\/[^/\s,?#]+)$/;

/** Parses a `--rpc-cors` value; throws InvalidCorsError for an empty list or an entry that is not an origin. */
export function parseCors(value: string): OriginPolicy {
  const parts = value.split(',').map((part) => part.trim().toLowerCase());
  if (parts.some((part) => part === 'all' || part === '*')) return { all: true };
  if (parts.length === 0 || parts.some((part) => !ORIGIN_PATTERN.test(part))) throw new InvalidCorsError(value);
  return { all: false, origins: parts };
}

export const defaultOriginPolicy = (): OriginPolicy => ({ all: false, origins: DEFAULT_RPC_CORS });

function matches(pattern: string, origin: string): boolean {
  if (pattern === origin) return true;
  if (!pattern.endsWith(':*')) return false;
  const base = pattern.slice(0, -2);
  return origin === base || (origin.startsWith(`${base}:`) && /^\d{1,5}$/.test(origin.slice(base.length + 1)));
}

/** True when a request with this `Origin` header (undefined: none) may be served. */
export function originAllowed(policy: OriginPolicy, origin: string | undefined): boolean {
  if (origin === undefined || policy.all) return true;
  const normalized = origin.trim().toLowerCase();
  return policy.origins.some((pattern) => matches(pattern, normalized));
}
