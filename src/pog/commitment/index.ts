export { HASH_BYTES, LEAF_DOMAIN, leafHash, nodeHash, assertChallengeId } from './hash';
export { HOST_IS_LITTLE_ENDIAN, float32LeBytes, float32LeBytesPortable, float32FromLeBytes } from './row-bytes';
export { type CommitmentShape, type CommitmentGeometry, commitmentGeometry } from './shape';
export { type MerkleTree, buildCommitment } from './tree';
export { type Opening, openLeaf, openingMismatch, verifyOpening, assertOpening } from './opening';
