import { CommitmentMismatchError, InvalidParamsError } from '../../../src/pog/errors';
import {
  assertOpening,
  buildCommitment,
  float32FromLeBytes,
  float32LeBytes,
  float32LeBytesPortable,
  openLeaf,
  openingMismatch,
  verifyOpening,
  type Opening,
} from '../../../src/pog/commitment';

const shape = { rows: 64, headWidth: 3, rowsPerLeaf: 4 };
const idA = Uint8Array.from({ length: 32 }, (_, i) => 7 * i + 1);
const idB = Uint8Array.from({ length: 32 }, (_, i) => 7 * i + 2);
const output = Float32Array.from({ length: shape.rows * shape.headWidth }, (_, i) => Math.sin(i) * 100);
const tree = buildCommitment(idA, output, shape);
const ok = (o: Opening, root = tree.root, id = idA) => verifyOpening(root, id, shape, o);

describe('openings', () => {
  it('opens and verifies every leaf', () => {
    expect(tree.leafCount).toBe(16);
    for (let i = 0; i < tree.leafCount; i++) {
      const o = openLeaf(tree, i);
      expect(o.proof).toHaveLength(4);
      expect(Array.from(o.rows)).toEqual(Array.from(output.subarray(i * 12, (i + 1) * 12)));
      expect(ok(o)).toBe(true);
      expect(() => assertOpening(tree.root, idA, shape, o)).not.toThrow();
    }
  });

  it('copies rows and proof out of the tree', () => {
    const o = openLeaf(tree, 3);
    (o.rows as Float32Array)[0] = 12345;
    (o.proof[0] as Uint8Array)[0]! ^= 0xff;
    expect(ok(openLeaf(tree, 3))).toBe(true);
  });

  it('rejects a proof with any flipped byte', () => {
    const o = openLeaf(tree, 5);
    for (let level = 0; level < o.proof.length; level++) {
      for (const byte of [0, 17, 31]) {
        const proof = o.proof.map((p) => p.slice());
        proof[level]![byte]! ^= 0x01;
        expect(ok({ ...o, proof })).toBe(false);
      }
    }
  });

  it('rejects siblings in the wrong order', () => {
    const o = openLeaf(tree, 5);
    expect(ok({ ...o, proof: [...o.proof].reverse() })).toBe(false);
    // Same rows and proof claimed as the sibling leaf: every left/right choice on level 0 flips.
    expect(ok({ ...o, leafIndex: 4 })).toBe(false);
  });

  it('rejects a proof belonging to another leaf', () => {
    const five = openLeaf(tree, 5);
    const nine = openLeaf(tree, 9);
    expect(ok({ ...five, proof: nine.proof })).toBe(false);
    expect(ok({ ...nine, leafIndex: 5 })).toBe(false);
    expect(ok({ ...five, rows: nine.rows })).toBe(false);
  });

  it('rejects an opening replayed under another challenge id', () => {
    const treeB = buildCommitment(idB, output, shape);
    expect(Buffer.from(treeB.root).equals(Buffer.from(tree.root))).toBe(false);
    const o = openLeaf(tree, 2);
    expect(ok(o, tree.root, idB)).toBe(false);
    expect(ok(o, treeB.root, idB)).toBe(false);
    expect(ok(openLeaf(treeB, 2), treeB.root, idB)).toBe(true);
  });

  it('rejects tampered row values, down to one ulp and the sign of zero', () => {
    const o = openLeaf(tree, 7);
    const nudged = o.rows.slice();
    const bits = new Uint32Array(nudged.buffer);
    bits[6]! += 1;
    expect(nudged[6]).not.toBe(o.rows[6]);
    expect(ok({ ...o, rows: nudged })).toBe(false);

    const zeros = new Float32Array(4);
    const treeZ = buildCommitment(idA, zeros, { rows: 4, headWidth: 1, rowsPerLeaf: 1 });
    const z = openLeaf(treeZ, 1);
    expect(verifyOpening(treeZ.root, idA, { rows: 4, headWidth: 1, rowsPerLeaf: 1 }, { ...z, rows: Float32Array.of(-0) })).toBe(false);
  });

  it('rejects truncated, extended and malformed proofs', () => {
    const o = openLeaf(tree, 6);
    expect(openingMismatch(tree.root, idA, shape, { ...o, proof: o.proof.slice(0, 3) })).toBe('proof must have 4 hashes, got 3');
    expect(ok({ ...o, proof: [...o.proof, o.proof[0]!] })).toBe(false);
    expect(ok({ ...o, proof: o.proof.map((p, i) => (i === 2 ? p.subarray(0, 31) : p)) })).toBe(false);
    expect(ok({ ...o, proof: o.proof.map((p, i) => (i === 2 ? Buffer.concat([p, Buffer.of(0)]) : p)) })).toBe(false);
  });

  it('rejects leaf indices out of range or not integers', () => {
    const o = openLeaf(tree, 0);
    for (const leafIndex of [-1, 16, 2 ** 32, 0.5, Number.NaN]) {
      expect(ok({ ...o, leafIndex })).toBe(false);
    }
    expect(openingMismatch(tree.root, idA, shape, { ...o, leafIndex: 16 })).toBe('leaf index 16 is outside 0..15');
  });

  it('rejects rows of the wrong length or type', () => {
    const o = openLeaf(tree, 1);
    expect(ok({ ...o, rows: o.rows.subarray(0, 11) })).toBe(false);
    expect(ok({ ...o, rows: Float32Array.from([...o.rows, 0]) })).toBe(false);
    expect(ok({ ...o, rows: Float64Array.from(o.rows) as unknown as Float32Array })).toBe(false);
  });

  it('rejects a root that is not 32 bytes', () => {
    const o = openLeaf(tree, 1);
    expect(ok(o, tree.root.subarray(0, 31))).toBe(false);
  });

  it('throws CommitmentMismatchError with the reason from assertOpening', () => {
    const o = openLeaf(tree, 4);
    expect(() => assertOpening(tree.root, idB, shape, o)).toThrow(CommitmentMismatchError);
    expect(() => assertOpening(tree.root, idB, shape, o)).toThrow('leaf 4 does not hash to the committed root');
  });

  it('refuses to build or open with bad inputs', () => {
    expect(() => buildCommitment(idA.subarray(1), output, shape)).toThrow(InvalidParamsError);
    expect(() => buildCommitment(idA, output.subarray(1), shape)).toThrow(InvalidParamsError);
    expect(() => buildCommitment(idA, output, { ...shape, rowsPerLeaf: 3 })).toThrow(InvalidParamsError);
    expect(() => buildCommitment(idA, output, { ...shape, rowsPerLeaf: 128 })).toThrow(InvalidParamsError);
    expect(() => buildCommitment(idA, new Float32Array(48 * 4), { ...shape, rows: 48 })).toThrow(InvalidParamsError);
    expect(() => openLeaf(tree, 16)).toThrow(InvalidParamsError);
  });
});

describe('float32 little-endian bytes', () => {
  it('writes IEEE-754 little-endian bytes on both paths', () => {
    const v = Float32Array.of(1, -2, 0.1);
    const hex = '0000803f000000c0cdcccc3d';
    expect(Buffer.from(float32LeBytes(v)).toString('hex')).toBe(hex);
    expect(Buffer.from(float32LeBytesPortable(v)).toString('hex')).toBe(hex);
  });

  it('views a subarray without copying its neighbours', () => {
    const v = Float32Array.of(1, -2, 0.1);
    expect(Buffer.from(float32LeBytes(v.subarray(1, 2))).toString('hex')).toBe('000000c0');
  });

  it('reads bytes back, also from an unaligned offset', () => {
    const raw = Buffer.from('ff0000803f000000c0', 'hex').subarray(1);
    expect(Array.from(float32FromLeBytes(raw))).toEqual([1, -2]);
    expect(() => float32FromLeBytes(raw.subarray(1))).toThrow(InvalidParamsError);
  });
});
