import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readRequestBody } from '../../protocol';
import { ClientGoneError, Rejection } from './rejection';

/**
 * The request body (src/protocol's bounded reader), its failures as the axon answers them:
 * over `maxBytes` (from Content-Length before a byte is read, else while streaming) is 413
 * `body_too_large`; a client that goes away mid-body is ClientGoneError (no answer).
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  try {
    const body = await readRequestBody(req, maxBytes);
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      const declared = req.headers['content-length'];
      const size = declared !== undefined && Number(declared) > maxBytes ? ` (${declared} bytes)` : '';
      throw new Rejection(413, 'body_too_large', `the body${size} exceeds this route's limit of ${maxBytes} bytes`);
    }
    throw new ClientGoneError(`the request failed while its body was read: ${(error as Error).message}`);
  }
}
