import { z } from 'zod';

/** Field schemas every service's config shares, so one rule and one message serve them all. */

export const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** A `ws://` / `wss://` URL; the connection itself is checked when the command runs. */
export const chainEndpointSchema = z
  .string()
  .min(1, 'the chain endpoint must not be empty')
  .refine((v) => /^wss?:\/\/[^/\s]+/.test(v), 'the chain endpoint must be a ws:// or wss:// URL, e.g. ws://127.0.0.1:9944');

/** Only Substrate dev derivations (`//Alice`, `//Bob//stash`): a real key never goes on a command line. */
export const devUriSchema = z
  .string()
  .regex(/^(\/\/[^/\s]+)+$/, 'only dev URIs such as //Alice are accepted here (use --wallet.* for real keys)');
