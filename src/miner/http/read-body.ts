import type { IncomingMessage } from 'node:http';
import { ClientGoneError, Rejection } from './rejection';

/**
 * The request body, refused with 413 `body_too_large` as soon as it is known to exceed
 * `maxBytes`: from Content-Length before a byte is read, else while streaming. Nothing past
 * the bound is buffered.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    const n = Number(declared);
    if (!/^\d+$/.test(declared) || !Number.isSafeInteger(n)) {
      return Promise.reject(new Rejection(400, 'malformed', 'Content-Length is not a number'));
    }
    if (n > maxBytes) return Promise.reject(tooLarge(maxBytes, n));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      if (error) reject(error);
      else resolve(body!);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        req.pause();
        finish(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks, total));
    const onError = (error: Error) => finish(new ClientGoneError(`the request failed while its body was read: ${error.message}`));
    const onAborted = () => finish(new ClientGoneError('the client went away while sending its body'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

function tooLarge(maxBytes: number, declared?: number): Rejection {
  return new Rejection(413, 'body_too_large', `the body${declared === undefined ? '' : ` (${declared} bytes)`} exceeds this route's limit of ${maxBytes} bytes`);
}
