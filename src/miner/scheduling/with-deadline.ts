import { RunDeadlineError } from '../errors';

/**
 * `run`, or RunDeadlineError once `deadlineMs` passes first (then `onOverrun` runs, and `run`
 * is left to settle on its own: onnxruntime cannot be interrupted, so whoever holds the device
 * frees it only when the run has really ended).
 */
export function withDeadline<T>(run: Promise<T>, deadlineMs: number, onOverrun: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onOverrun();
      reject(new RunDeadlineError(`the run did not finish within its deadline of ${(deadlineMs / 1000).toFixed(1)} s`, { deadlineMs }));
    }, deadlineMs);
  });
  return Promise.race([run, deadline]).finally(() => clearTimeout(timer));
}
