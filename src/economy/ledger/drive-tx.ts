import type { LedgerCall, LedgerChainPort, TxOutcome } from './chain-port';
import type { Inclusion, SignedTx } from './entries';
import type { Ledger, TxStep } from './ledger';
import type { TxState } from './state';

/**
 * One signed extrinsic driven to its end, exactly once across crashes. Orders and records
 * share it; a subject says how its steps are journaled.
 */
export interface TxSubject {
  readonly kind: 'order' | 'burn' | 'record';
  readonly detail: Readonly<Record<string, unknown>>;
  /** The subject's state in the ledger now. */
  current(): { readonly state: TxState; readonly tx: SignedTx | null };
  call(): LedgerCall;
  appendSubmitted(tx: SignedTx): void;
  appendIncluded(outcome: Extract<TxOutcome, { status: 'included'; ok: true }>): void;
  appendFailed(reason: string, inclusion: Inclusion | null): void;
}

/** How a drive ended. */
export interface DriveResult {
  readonly state: TxState;
  /** Why it is still pending (no outcome within the wait, the node refused it for now …). */
  readonly note?: string;
}

/**
 * intended → sign → journal `submitted` (bytes, hash, nonce) → send → wait → journal
 * `confirmed` / `failed`. A subject already `submitted` (after a crash) is first looked up on
 * the chain: found → settled from the chain; its nonce used by another extrinsic or its era
 * over → failed (it can never be applied); otherwise the same bytes are sent again, which the
 * chain can apply at most once. Nothing is signed twice for one subject: once `submitted` is
 * in the journal, only those bytes are ever sent.
 */
export async function driveTx(ledger: Ledger, port: LedgerChainPort, subject: TxSubject, waitTimeoutMs: number): Promise<DriveResult> {
  const step = (s: TxStep) => ledger.step(`${subject.kind}.${s}`, subject.detail);
  let now = subject.current();
  if (now.state === 'confirmed' || now.state === 'failed') return { state: now.state };
  if (now.state === 'intended') {
    const tx = await port.sign(subject.call());
    await step('signed');
    subject.appendSubmitted(tx);
    await step('submitted');
    now = subject.current();
  }
  const tx = now.tx!;
  let outcome = await port.lookup(tx);
  let note: string | undefined;
  if (outcome.status === 'pending') {
    const sent = await port.send(tx);
    await step('sent');
    if (sent.accepted) {
      outcome = await port.waitForOutcome(tx, waitTimeoutMs);
    } else if (sent.definitive) {
      outcome = await port.lookup(tx);
      // Refused as invalid: the bytes are in no pool and nobody else has them; a later
      // transaction takes their nonce, so they can never be applied.
      if (outcome.status === 'pending') outcome = { status: 'dropped', reason: `refused by the node: ${sent.reason}` };
    } else {
      // Outdated, already in a block not yet final, a full pool, a dropped connection: the
      // finalized chain will tell (its nonce used by it or by another, or still open).
      outcome = await port.waitForOutcome(tx, waitTimeoutMs);
      if (outcome.status === 'pending') note = sent.reason;
    }
  }
  if (outcome.status === 'pending') return { state: 'submitted', note: note ?? outcome.note ?? `not in a finalized block within ${waitTimeoutMs} ms` };
  await step('included');
  if (outcome.status === 'included' && outcome.ok) subject.appendIncluded(outcome);
  else if (outcome.status === 'included') subject.appendFailed(outcome.error, outcome.inclusion);
  else subject.appendFailed(outcome.reason, null);
  await step('settled');
  return { state: subject.current().state };
}
