/**
 * Public drand quicknet facts, transcribed from the sources named on each constant (no network
 * access in tests). Quicknet: chain hash 52db9ba7…, scheme `bls-unchained-g1-rfc9380`.
 */

/**
 * The quicknet public key (G2, compressed). Same bytes in: opentensor/subtensor
 * `pallets/drand/src/lib.rs` DefaultBeaconConfig and `tests.rs` DRAND_INFO_RESPONSE;
 * ideal-lab5/timelock@5416406 `tle/src/tlock.rs` test `tlock_encrypt_decrypt_drand_quicknet_works`;
 * opentensor/bittensor-drand `src/drand.rs` PUBLIC_KEY.
 */
export const QUICKNET_PUBLIC_KEY =
  '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a';

/** subtensor `pallets/drand/src/tests.rs` DRAND_INFO_RESPONSE. */
export const QUICKNET_INFO = {
  period: 3,
  genesisTime: 1692803367,
  hash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  groupHash: 'f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e',
  schemeId: 'bls-unchained-g1-rfc9380',
  beaconId: 'quicknet',
};

/**
 * Quicknet round 1000 (api.drand.sh/52db9ba7…/public/1000), from subtensor
 * `pallets/drand/src/tests.rs` DRAND_PULSE (round, randomness, signature) and tle's quicknet test.
 */
export const QUICKNET_ROUND_1000 = {
  round: 1000,
  randomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd',
  signature: 'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39',
};

/** A forged round-1000 pulse the pallet must reject: subtensor `pallets/drand/src/tests.rs` `it_rejects_invalid_pulse_due_to_bad_signature`. */
export const FORGED_ROUND_1000_SIGNATURE = 'b0a8b04e009cf72534321aca0f50048da596a3feec1172a0244d9a4a623a3123d0402da79854d4c705e94bc73224c341';

/** The DefaultBeaconConfig byte lists in subtensor `pallets/drand/src/lib.rs` (hash, group_hash, scheme_id, beacon_id). */
export const DEFAULT_BEACON_CONFIG_BYTES = {
  hash: [82, 219, 155, 167, 14, 12, 192, 246, 234, 247, 128, 61, 208, 116, 71, 161, 245, 71, 119, 53, 253, 63, 102, 23, 146, 186, 148, 96, 12, 132, 233, 113],
  groupHash: [244, 119, 213, 200, 159, 33, 161, 124, 134, 58, 127, 147, 124, 106, 109, 21, 133, 148, 20, 210, 190, 9, 205, 68, 141, 66, 121, 175, 51, 28, 93, 62],
  schemeId: [98, 108, 115, 45, 117, 110, 99, 104, 97, 105, 110, 101, 100, 45, 103, 49, 45, 114, 102, 99, 57, 51, 56, 48],
  beaconId: [113, 117, 105, 99, 107, 110, 101, 116],
  publicKeyFirst: [131, 207, 15, 40, 150, 173, 238, 126],
  publicKeyLast: [153, 30, 245, 236, 228, 90],
};
