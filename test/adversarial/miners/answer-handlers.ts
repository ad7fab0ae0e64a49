import type { Handler } from './intercepting-proxy';
import { sleep, unsignedError } from './intercepting-proxy';

/**
 * What a miner can do to its own answers (an intercepting proxy in front of its real server).
 * Each is one attack: a delay, a refusal, a drop or a late answer of one kind of request.
 */

/** Holds every answer to `path` for `ms` before sending it. */
export const delayAnswers = (path: string, ms: number): Handler => async (p, _body, forward) => {
  const answer = await forward();
  if (p === path) await sleep(ms);
  return answer;
};

/** Answers every audit with an unsigned refusal that blames the validator's request (401 stale, 403 not_allowed, …). */
export const refuseAudits = (status: number, error: string): Handler => async (p, _body, forward) => (p === '/audit' ? unsignedError(status, error, 'refused') : forward());

/** Resets the connection of every audit (a dropped answer). */
export const dropAudits = (): Handler => async (p, _body, forward) => (p === '/audit' ? 'drop' : forward());

/** Answers every audit `ms` late (past the validator's audit timeout when ms exceeds it). */
export const lateAudits = (ms: number): Handler => delayAnswers('/audit', ms);

/**
 * Runs its own check on each audit request and refuses only those that ask a row it faked
 * (the miner knows which rows it faked), forwarding the others untouched.
 */
export const refuseWhenFakedRowAsked = (isFaked: (row: number) => boolean): Handler => async (p, body, forward) => {
  if (p !== '/audit') return forward();
  const rows = (JSON.parse(body.toString('utf8')) as { rows: number[] }).rows;
  return rows.some(isFaked) ? unsignedError(403, 'not_allowed', 'refused') : forward();
};
