import type { TransactionStatus } from '../backend';
import { callMethod, guardListener, subscriptionMethods, type MethodEntries } from '../method';
import { nonEmptyBytesSchema, required } from '../params';

/** `author_*`: the transaction pool. Backend errors (1010, 1011, 1012, ...) become the call's error. */

/** Statuses after which Substrate sends nothing more for the extrinsic. */
export function isTerminalStatus(status: TransactionStatus): boolean {
  if (typeof status === 'string') return status === 'dropped' || status === 'invalid';
  return 'finalized' in status || 'usurped' in status;
}

const extrinsicParam = required('extrinsic', nonEmptyBytesSchema);

export const authorMethods: MethodEntries = [
  ['author_submitExtrinsic', callMethod([extrinsicParam], ([extrinsic], { backend }) => backend.submitExtrinsic(extrinsic))],
  ['author_pendingExtrinsics', callMethod([], (_args, { backend }) => backend.pendingExtrinsics())],
  ...subscriptionMethods({
    subscribe: ['author_submitAndWatchExtrinsic'],
    unsubscribe: ['author_unwatchExtrinsic'],
    notification: 'author_extrinsicUpdate',
    params: [extrinsicParam],
    start: ([extrinsic], sink, { backend, logger }) => {
      let watching = true;
      backend.submitExtrinsic(
        extrinsic,
        guardListener(logger, 'extrinsic watch', (status: TransactionStatus) => {
          if (!watching) return;
          sink.emit(status);
          if (isTerminalStatus(status)) {
            watching = false;
            sink.end();
          }
        }),
      );
      // The backend offers no way to stop a watch; it ends at a terminal status.
      return () => {
        watching = false;
      };
    },
  }),
];
