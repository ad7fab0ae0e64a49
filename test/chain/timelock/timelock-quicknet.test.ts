/**
 * The timelock format against real facts: drand quicknet's key and a real past pulse, the
 * constants subtensor's pallet_drand hard-codes, and the failure cases tle's own tests assert.
 */
import { createHash } from 'node:crypto';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import {
  BeaconPointError,
  TimelockBodyError,
  TimelockCiphertextFormatError,
  TimelockSignatureMismatchError,
  decodeG1,
  decodeTleCiphertext,
  decryptWithSignature,
  encodeTleCiphertext,
  encryptToRound,
  openBeacon,
  roundIdentity,
  verifyPulse,
  type Beacon,
} from '../../../src/chain/timelock';
import { DEFAULT_BEACON_CONFIG_BYTES, FORGED_ROUND_1000_SIGNATURE, QUICKNET_INFO, QUICKNET_PUBLIC_KEY, QUICKNET_ROUND_1000 } from './quicknet-fixtures';

const quicknet = (): Beacon =>
  openBeacon({
    publicKey: hexToU8a('0x' + QUICKNET_PUBLIC_KEY),
    period: QUICKNET_INFO.period,
    genesisTime: QUICKNET_INFO.genesisTime,
    schemeId: QUICKNET_INFO.schemeId,
    beaconId: QUICKNET_INFO.beaconId,
    hash: hexToU8a('0x' + QUICKNET_INFO.hash),
  });
const sig1000 = hexToU8a('0x' + QUICKNET_ROUND_1000.signature);

describe('drand quicknet facts', () => {
  const beacon = quicknet();

  it('the round-1000 pulse is a valid BLS signature of SHA-256(1000 as u64 BE) under the quicknet key', () => {
    expect(verifyPulse(beacon, 1000, sig1000)).toBe(true);
    // and of no other round: the identity is what is signed
    expect(verifyPulse(beacon, 1001, sig1000)).toBe(false);
  });

  it('the pulse randomness is SHA-256 of its signature (drand unchained)', () => {
    expect(createHash('sha256').update(sig1000).digest('hex')).toBe(QUICKNET_ROUND_1000.randomness);
  });

  it('refuses the forged pulse subtensor tests reject', () => {
    expect(verifyPulse(beacon, 1000, hexToU8a('0x' + FORGED_ROUND_1000_SIGNATURE))).toBe(false);
    expect(() => decodeG1(hexToU8a('0x' + FORGED_ROUND_1000_SIGNATURE))).toThrow(BeaconPointError);
  });

  it('pallet_drand DefaultBeaconConfig bytes are quicknet', () => {
    const pk = hexToU8a('0x' + QUICKNET_PUBLIC_KEY);
    expect([...pk.subarray(0, 8)]).toEqual(DEFAULT_BEACON_CONFIG_BYTES.publicKeyFirst);
    expect([...pk.subarray(90)]).toEqual(DEFAULT_BEACON_CONFIG_BYTES.publicKeyLast);
    expect(u8aToHex(Uint8Array.from(DEFAULT_BEACON_CONFIG_BYTES.hash))).toBe('0x' + QUICKNET_INFO.hash);
    expect(u8aToHex(Uint8Array.from(DEFAULT_BEACON_CONFIG_BYTES.groupHash))).toBe('0x' + QUICKNET_INFO.groupHash);
    expect(Buffer.from(DEFAULT_BEACON_CONFIG_BYTES.schemeId).toString()).toBe(QUICKNET_INFO.schemeId);
    expect(Buffer.from(DEFAULT_BEACON_CONFIG_BYTES.beaconId).toString()).toBe(QUICKNET_INFO.beaconId);
  });

  it('identity of a round is SHA-256 of the round as u64 big endian', () => {
    expect(u8aToHex(roundIdentity(1000))).toBe('0x' + createHash('sha256').update(Buffer.from([0, 0, 0, 0, 0, 0, 3, 0xe8])).digest('hex'));
  });
});

describe('timelock encryption to a past quicknet round, opened with the real pulse', () => {
  const beacon = quicknet();
  const plaintext = new TextEncoder().encode('this is a test'); // tle's quicknet test message

  it('decrypts with the round-1000 signature (tle tlock_encrypt_decrypt_drand_quicknet_works, esk [2; 32])', () => {
    const commit = encryptToRound(beacon, plaintext, 1000, { secretKey: new Uint8Array(32).fill(2) });
    expect(Buffer.from(decryptWithSignature(commit, sig1000)).toString()).toBe('this is a test');
    // the reveal strips a 0x prefix off stored signatures
    expect(Buffer.from(decryptWithSignature(commit, Uint8Array.from([0x30, 0x78, ...sig1000]))).toString()).toBe('this is a test');
  });

  it('lays the bytes out as arkworks serializes TLECiphertext (u, Vec v, Vec w, Vec body, Vec cipher_suite)', () => {
    const commit = encryptToRound(beacon, plaintext, 1000);
    const le64 = (at: number) => Number(Buffer.from(commit.subarray(at, at + 8)).readBigUInt64LE());
    expect(le64(96)).toBe(32);
    expect(le64(96 + 40)).toBe(32);
    const bodyLen = le64(96 + 80);
    // body = Vec(ciphertext ‖ 16-byte tag) ‖ Vec(12-byte nonce)
    expect(bodyLen).toBe(8 + plaintext.length + 16 + 8 + 12);
    const suiteAt = 96 + 80 + 8 + bodyLen;
    expect(le64(suiteAt)).toBe(8);
    expect(Buffer.from(commit.subarray(suiteAt + 8)).toString()).toBe('AES_GCM_');
    expect(commit.length).toBe(suiteAt + 16);
    expect(encodeTleCiphertext(decodeTleCiphertext(commit))).toEqual(commit);
  });

  it('a ciphertext for another round does not open with the round-1000 pulse', () => {
    const commit = encryptToRound(beacon, plaintext, 1001);
    expect(() => decryptWithSignature(commit, sig1000)).toThrow(TimelockSignatureMismatchError);
  });

  it('an emptied AES ciphertext or nonce fails (tle tlock_decryption_fails_with_bad_ciphertext / _bad_nonce)', () => {
    const ct = decodeTleCiphertext(encryptToRound(beacon, plaintext, 1000));
    const nonceVec = ct.body.subarray(ct.body.length - 20);
    const emptyCt = encodeTleCiphertext({ ...ct, body: Uint8Array.from([...new Uint8Array(8), ...nonceVec]) });
    expect(() => decryptWithSignature(emptyCt, sig1000)).toThrow(TimelockBodyError);
    const emptyNonce = encodeTleCiphertext({ ...ct, body: Uint8Array.from([...ct.body.subarray(0, ct.body.length - 20), ...new Uint8Array(8)]) });
    expect(() => decryptWithSignature(emptyNonce, sig1000)).toThrow(TimelockBodyError);
  });

  it('a flipped body byte fails authentication; a flipped header byte fails the IBE check', () => {
    const commit = encryptToRound(beacon, plaintext, 1000);
    const body = commit.slice();
    body[96 + 80 + 8 + 8 + 2]! ^= 1;
    expect(() => decryptWithSignature(body, sig1000)).toThrow(TimelockBodyError);
    const header = commit.slice();
    header[96 + 8 + 5]! ^= 1; // inside V
    expect(() => decryptWithSignature(header, sig1000)).toThrow(TimelockSignatureMismatchError);
  });

  it('truncated or garbage bytes are a format error, not a crash', () => {
    const commit = encryptToRound(beacon, plaintext, 1000);
    expect(() => decryptWithSignature(commit.subarray(0, 150), sig1000)).toThrow(TimelockCiphertextFormatError);
    expect(() => decryptWithSignature(new Uint8Array(300).fill(7), sig1000)).toThrow(TimelockCiphertextFormatError);
    const hugeLen = commit.slice();
    hugeLen.set([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0], 96 + 80);
    expect(() => decryptWithSignature(hugeLen, sig1000)).toThrow(TimelockCiphertextFormatError);
  });
});
