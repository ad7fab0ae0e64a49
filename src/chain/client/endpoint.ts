import { InvalidEndpointError, printableEndpoint } from './errors';

/**
 * Checks that `endpoint` is a WebSocket URL the client can dial (`ws://host[:port][/path]` or
 * `wss://…`) and returns it unchanged. Throws {@link InvalidEndpointError} at once: retrying a
 * malformed URL cannot help.
 */
export function parseEndpoint(endpoint: string): string {
  if (typeof endpoint !== 'string' || endpoint.trim() === '') throw new InvalidEndpointError(String(endpoint), 'it is empty');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidEndpointError(endpoint, 'not a URL');
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new InvalidEndpointError(endpoint, `the scheme is ${url.protocol.replace(/:$/, '')}, not ws or wss`);
  }
  if (url.hostname === '') throw new InvalidEndpointError(endpoint, 'no host');
  if (url.username || url.password) throw new InvalidEndpointError(endpoint, 'credentials in the URL are not supported');
  return endpoint;
}

/** The endpoint as it may be logged: without user info or query string (which could carry an API key). */
export function redactEndpoint(endpoint: string): string {
  return printableEndpoint(endpoint);
}
