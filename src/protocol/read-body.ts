import type { Readable } from 'node:stream';
import { BodyAbortedError, BodyTooLargeError } from './errors';

/**
 * Reads a request body (Node's `IncomingMessage`, or any Readable) into memory, refusing more
 * than `maxBytes`: a larger `content-length` is refused before anything is read, and a stream
 * that grows past the bound is paused and refused as soon as it does (BodyTooLargeError). On
 * that error, answer 413 with `connection: close`; the rest of the upload is never buffered.
 * A client that goes away before the end rejects it with the stream's error (or
 * BodyAbortedError when the stream only says 'aborted').
 */
export function readRequestBody(stream: Readable & { headers?: Record<string, string | string[] | undefined> }, maxBytes: number): Promise<Uint8Array> {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) return Promise.reject(new RangeError(`maxBytes must be a non-negative integer, got ${maxBytes}`));
  const declared = stream.headers?.['content-length'];
  if (typeof declared === 'string' && /^[0-9]+$/.test(declared) && Number(declared) > maxBytes) {
    stream.pause();
    return Promise.reject(new BodyTooLargeError(maxBytes));
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      length += bytes.length;
      if (length > maxBytes) {
        cleanup();
        stream.pause();
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      cleanup();
      const body = Buffer.concat(chunks, length);
      resolve(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => onError(new BodyAbortedError());
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('aborted', onAborted);
  });
}
