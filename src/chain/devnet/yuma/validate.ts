import { EpochInputError } from './errors';
import { U16_MAX } from './fixed';
import type { SparseRow } from './matrix';
import type { EpochInput } from './types';

/** uids are u16 on chain, so a subnet holds at most 65536 of them. */
const MAX_UIDS = 65_536;
const PPM = 1_000_000;

function requireInteger(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new EpochInputError(`must be an integer in ${min}..${max}, got ${String(value)}`, field);
  }
}

function requireBlock(field: string, value: unknown): void {
  requireInteger(field, value, 0, Number.MAX_SAFE_INTEGER);
}

function requireRao(field: string, value: unknown): void {
  if (typeof value !== 'bigint' || value < 0n) {
    throw new EpochInputError(`must be a bigint ≥ 0, got ${String(value)}`, field);
  }
}

function requireLength(field: string, value: unknown, n: number): void {
  if (!Array.isArray(value)) throw new EpochInputError('must be an array', field);
  if (value.length !== n) {
    throw new EpochInputError(`has ${value.length} entries, expected one per uid (${n})`, field);
  }
}

function requireSparseRows(field: string, rows: readonly SparseRow[], n: number): void {
  rows.forEach((row, i) => {
    if (!Array.isArray(row)) throw new EpochInputError('must be an array of [uid, u16] pairs', `${field}[${i}]`);
    const seen = new Set<number>();
    row.forEach((pair, k) => {
      const where = `${field}[${i}][${k}]`;
      if (!Array.isArray(pair) || pair.length !== 2) throw new EpochInputError('must be a [uid, u16] pair', where);
      const [uid, value] = pair;
      if (typeof uid !== 'number' || !Number.isInteger(uid) || uid < 0 || uid >= n) {
        throw new EpochInputError(`uid ${String(uid)} is outside 0..${n - 1}`, where);
      }
      requireInteger(where, value, 0, U16_MAX);
      if (seen.has(uid)) throw new EpochInputError(`uid ${uid} appears twice in the row`, where);
      seen.add(uid);
    });
  });
}

/** Throws EpochInputError unless `input` satisfies EpochInput's contract. */
export function validateEpochInput(input: EpochInput): void {
  if (!Array.isArray(input.stake)) throw new EpochInputError('must be an array', 'stake');
  const n = input.stake.length;
  if (n > MAX_UIDS) throw new EpochInputError(`has ${n} uids, at most ${MAX_UIDS} fit in u16`, 'stake');

  requireBlock('currentBlock', input.currentBlock);
  requireBlock('activityCutoffBlocks', input.activityCutoffBlocks);
  requireInteger('kappa', input.kappa, 0, U16_MAX);
  requireInteger('bondsPenalty', input.bondsPenalty, 0, U16_MAX);
  requireInteger('bondsMovingAverage', input.bondsMovingAverage, 0, PPM);
  requireInteger('maxAllowedValidators', input.maxAllowedValidators, 0, U16_MAX);
  if (typeof input.yuma3 !== 'boolean') throw new EpochInputError('must be a boolean', 'yuma3');
  requireRao('stakeThreshold', input.stakeThreshold);
  requireRao('minerEmission', input.minerEmission);
  requireRao('validatorEmission', input.validatorEmission);
  if (input.ownerUid !== null) requireInteger('ownerUid', input.ownerUid, 0, n - 1);
  if (input.lastEpochBlock !== undefined) requireBlock('lastEpochBlock', input.lastEpochBlock);
  if (input.tempo !== undefined) requireBlock('tempo', input.tempo);

  input.stake.forEach((s, i) => requireRao(`stake[${i}]`, s));
  requireLength('lastUpdate', input.lastUpdate, n);
  input.lastUpdate.forEach((b, i) => requireBlock(`lastUpdate[${i}]`, b));
  requireLength('blockAtRegistration', input.blockAtRegistration, n);
  input.blockAtRegistration.forEach((b, i) => requireBlock(`blockAtRegistration[${i}]`, b));
  requireLength('weights', input.weights, n);
  requireSparseRows('weights', input.weights, n);
  requireLength('bonds', input.bonds, n);
  requireSparseRows('bonds', input.bonds, n);
  if (input.prevValidatorPermit !== undefined) {
    requireLength('prevValidatorPermit', input.prevValidatorPermit, n);
    input.prevValidatorPermit.forEach((p, i) => {
      if (typeof p !== 'boolean') throw new EpochInputError(`must be a boolean, got ${String(p)}`, `prevValidatorPermit[${i}]`);
    });
  }
}
