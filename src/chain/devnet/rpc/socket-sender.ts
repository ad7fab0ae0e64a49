import type { Logger } from 'pino';

/**
 * Sends text on a WebSocket without buffering without bound: a client that does
 * not read, so that more than `maxBufferedBytes` wait to be sent, is disconnected.
 */
export interface SendTarget {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string, callback: (error?: Error) => void): void;
  close(code: number, reason: string): void;
}

/** ws' `WebSocket.OPEN`. */
const OPEN = 1;
/** "Try Again Later": the server closed the connection because of load it put on the server. */
export const SLOW_CLIENT_CLOSE_CODE = 1013;

export type Sender = (text: string) => boolean;

export function createSender(target: SendTarget, maxBufferedBytes: number, logger: Logger): Sender {
  let closing = false;
  return (text) => {
    if (closing || target.readyState !== OPEN) return false;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (target.bufferedAmount + bytes > maxBufferedBytes) {
      closing = true;
      const reason = `client too slow: more than ${maxBufferedBytes} bytes waiting to be sent`;
      logger.warn({ bufferedAmount: target.bufferedAmount, messageBytes: bytes, maxBufferedBytes }, 'closing a WebSocket that does not read');
      target.close(SLOW_CLIENT_CLOSE_CODE, reason);
      return false;
    }
    target.send(text, (error) => {
      if (error !== undefined && error !== null) logger.debug({ err: error }, 'WebSocket send failed');
    });
    return true;
  };
}
