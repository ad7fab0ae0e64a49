import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger, orderKey } from '../../src/economy/ledger';
import { preset } from '../../src/pog';
import { applyResults, buildEvidence, evidenceDigest, keepEvidence, ScoreStore, type MinerResult } from '../../src/validator';

export const NETUID = 7;
export const VALIDATOR = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
export const HOTKEYS = ['5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty', '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y', '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy'] as const;

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `pog-dashboard-${prefix}-`));

export function result(uid: number, hotkey: string, tflops: number, overrides: Partial<MinerResult> = {}): MinerResult {
  const passed = (overrides.outcome ?? 'passed') === 'passed';
  return {
    uid,
    hotkey,
    outcome: 'passed',
    passed,
    code: passed ? 'verified' : 'timeout',
    reason: passed ? `verified ${tflops} TFLOP/s` : 'no answer in time',
    tflops: passed ? tflops : 0,
    class: passed ? (tflops > 100 ? 'H100-SXM' : 'RTX-4090') : null,
    root: passed ? '0xabc' : null,
    challengeId: `c-${uid}`,
    rttMs: 1,
    elapsedMs: 100,
    challenges: 3,
    attempts: 1,
    verifyMs: 5,
    ...overrides,
  } as MinerResult;
}

/**
 * One validator round as the validator records it: the evidence file (`keepEvidence`) and the
 * score state (`applyResults` committed through `ScoreStore`).
 */
export function writeRound(stateDir: string, results: readonly MinerResult[], startedAtMs = 1_750_000_000_000): number {
  const store = ScoreStore.open(stateDir, NETUID, VALIDATOR);
  const next = applyResults(store.state, results, { scoreAlpha: 0.3, reliabilityAlpha: 0.1, nowMs: startedAtMs });
  const document = buildEvidence({ netuid: NETUID, validator: VALIDATOR, round: next.round, block: 100 + next.round, startedAtMs, params: preset('ci'), results });
  keepEvidence(stateDir, document, evidenceDigest(document).hex, 1000);
  store.commit(next);
  return next.round;
}

/** A ledger with revenue, one confirmed buyback-and-burn and more revenue queued. */
export function writeLedger(dir: string): void {
  const ledger = Ledger.open(dir, { now: (() => { let t = Date.parse('2025-06-01T00:00:00Z'); return () => new Date((t += 60_000)); })() });
  try {
    ledger.addRevenue({ id: 'invoice-1', tao: '2', source: 'api' });
    ledger.addRevenue({ id: 'invoice-2', usd: '120', usdPerTao: '400', source: 'rental' });
    const revenueIds = ['invoice-1', 'invoice-2'];
    const key = orderKey(revenueIds, 1);
    ledger.append({ kind: 'order.intended', key, attempt: 1, revenueIds, netuid: NETUID, hotkey: HOTKEYS[0], amountRao: '2300000000', limitRao: null, time: ledger.now() });
    ledger.append({ kind: 'order.submitted', key, tx: { hash: '0x01', hex: '0x02', nonce: 0, signer: VALIDATOR, signedAtBlock: 10, expiresAtBlock: 74 }, time: ledger.now() });
    ledger.append({ kind: 'order.confirmed', key, inclusion: { blockHash: '0x03', blockNumber: 11, extrinsicIndex: 1 }, taoRao: '2300000000', alphaRao: '4600000000', time: ledger.now() });
    ledger.addRevenue({ id: 'invoice-3', tao: '1.5', source: 'api' });
  } finally {
    ledger.close();
  }
}
