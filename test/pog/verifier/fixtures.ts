import { randomBytes } from 'node:crypto';
import { chooseAuditRows, leavesForRows } from '../../../src/pog/audit';
import { buildCommitment, openLeaf, type MerkleTree } from '../../../src/pog/commitment';
import type { AuditEvidence } from '../../../src/pog/verifier';
import type { WorkloadParams } from '../../../src/pog/workload';

export interface Challenge {
  readonly challengeId: Uint8Array;
  readonly seed: Uint8Array;
  readonly params: WorkloadParams;
}

export function newChallenge(params: WorkloadParams): Challenge {
  return { challengeId: randomBytes(32), seed: randomBytes(32), params };
}

/** The validator's side of one round: audit rows drawn after the commitment, leaves opened from `tree`. */
export function auditOf(challenge: Challenge, tree: MerkleTree, auditRows = chooseAuditRows(challenge.params.rows, challenge.params.auditRows)): AuditEvidence {
  const openings = leavesForRows(auditRows, challenge.params.rowsPerLeaf).map((leaf) => openLeaf(tree, leaf));
  return { ...challenge, root: tree.root, auditRows, openings };
}

export function commit(challenge: Challenge, output: Float32Array): MerkleTree {
  return buildCommitment(challenge.challengeId, output, challenge.params);
}
