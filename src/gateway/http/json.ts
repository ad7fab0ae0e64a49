import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { InvalidRequestError } from '../errors';

/** JSON with every bigint as a decimal string (credit amounts exceed 2^53 in rao). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = toJson(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/** Parses and validates a JSON body; InvalidRequestError naming the first problem. */
export function parseJson<T extends z.ZodType>(schema: T, raw: Uint8Array): z.infer<T> {
  let json: unknown;
  try {
    json = raw.length === 0 ? {} : JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw new InvalidRequestError('the body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequestError(`invalid body: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}
