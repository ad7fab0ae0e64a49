import { randomBytes } from 'node:crypto';
import { CommittedChallenges, committedBytes, type CommittedChallenge } from '../../src/miner';
import { buildCommitment, bytesToHex, preset } from '../../src/pog';

const params = preset('ci');

function entry(validator: string, atMs: number): CommittedChallenge {
  const id = randomBytes(32);
  const tree = buildCommitment(id, new Float32Array(params.rows * params.headWidth), params);
  return { validator, challengeId: bytesToHex(id), params, tree, committedAtMs: atMs };
}

describe('CommittedChallenges', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('keeps the last perValidator challenges of each validator, apart', () => {
    const store = new CommittedChallenges({ ttlMs: 60_000, perValidator: 2, maxBytes: 2 ** 30, now: clock });
    const a = [entry('A', now), entry('A', now), entry('A', now)];
    const b = entry('B', now);
    for (const e of [...a, b]) store.add(e);
    expect(store.get('A', a[0]!.challengeId)).toBeUndefined();
    expect(store.get('A', a[1]!.challengeId)).toBe(store.get('A', a[1]!.challengeId));
    expect(store.get('A', a[2]!.challengeId)?.tree.root).toEqual(a[2]!.tree.root);
    expect(store.get('B', b.challengeId)).toBeDefined();
    // only the validator that sent it
    expect(store.get('B', a[2]!.challengeId)).toBeUndefined();
    expect(store.size).toBe(3);
  });

  it('forgets entries older than the TTL', () => {
    const store = new CommittedChallenges({ ttlMs: 1000, perValidator: 4, maxBytes: 2 ** 30, now: clock });
    const old = entry('A', now);
    store.add(old);
    now += 600;
    const fresh = entry('A', now);
    store.add(fresh);
    now += 500;
    expect(store.get('A', old.challengeId)).toBeUndefined();
    expect(store.get('A', fresh.challengeId)).toBeDefined();
    now += 600;
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it('bounds the bytes held over all validators, dropping the oldest first but never the newest', () => {
    const one = committedBytes(entry('X', now).tree);
    const store = new CommittedChallenges({ ttlMs: 60_000, perValidator: 8, maxBytes: 2 * one, now: clock });
    const e = [entry('A', now), entry('B', now), entry('C', now)];
    for (const x of e) store.add(x);
    expect(store.get('A', e[0]!.challengeId)).toBeUndefined();
    expect(store.bytes).toBe(2 * one);
    const tiny = new CommittedChallenges({ ttlMs: 60_000, perValidator: 8, maxBytes: 1, now: clock });
    const only = entry('A', now);
    tiny.add(only);
    expect(tiny.get('A', only.challengeId)).toBeDefined();
  });
});
