import { DEFAULT_REPLAY_MAX_ENTRIES, DEFAULT_REPLAY_WINDOW_MS, ReplayGuard } from '../../src/protocol';
import { NOW } from './helpers';

const uuid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

describe('ReplayGuard', () => {
  it('has defaults that cover the default ±10 s skew', () => {
    const guard = new ReplayGuard();
    expect(guard.windowMs).toBe(DEFAULT_REPLAY_WINDOW_MS);
    expect(guard.maxEntries).toBe(DEFAULT_REPLAY_MAX_ENTRIES);
    expect(DEFAULT_REPLAY_WINDOW_MS).toBeGreaterThan(10_000);
  });

  it('accepts a (sender, uuid) once within the window', () => {
    const guard = new ReplayGuard({ windowMs: 1_000 });
    expect(guard.accept('a', uuid(1), NOW, NOW)).toBe(true);
    expect(guard.accept('a', uuid(1), NOW, NOW + 999)).toBe(false);
    expect(guard.accept('a', uuid(1).toUpperCase(), NOW, NOW + 10)).toBe(false);
    expect(guard.accept('b', uuid(1), NOW, NOW)).toBe(true);
    expect(guard.accept('a', uuid(2), NOW, NOW)).toBe(true);
    expect(guard.size).toBe(3);
  });

  it('forgets entries once their window has passed, and refuses anything that old', () => {
    const guard = new ReplayGuard({ windowMs: 1_000 });
    guard.accept('a', uuid(1), NOW, NOW);
    guard.accept('a', uuid(2), NOW + 500, NOW + 500);
    expect(guard.size).toBe(2);
    // At NOW + 1000 the first entry expires: dropped on the next call.
    expect(guard.accept('a', uuid(3), NOW + 1_000, NOW + 1_000)).toBe(true);
    expect(guard.size).toBe(2);
    // A replay of the expired request is still refused: its timestamp is outside the window.
    expect(guard.accept('a', uuid(1), NOW, NOW + 1_000)).toBe(false);
    // The same pair with a timestamp inside the window is new again.
    expect(guard.accept('a', uuid(1), NOW + 1_000, NOW + 1_000)).toBe(true);
    expect(guard.accept('x', uuid(9), NOW + 10_000, NOW + 10_000)).toBe(true);
    expect(guard.size).toBe(1);
  });

  it('keeps a future-dated entry until its own timestamp + window', () => {
    const guard = new ReplayGuard({ windowMs: 1_000 });
    expect(guard.accept('a', uuid(1), NOW + 5_000, NOW)).toBe(true);
    expect(guard.accept('a', uuid(1), NOW + 5_000, NOW + 5_500)).toBe(false);
    expect(guard.accept('a', uuid(1), NOW + 5_000, NOW + 6_000)).toBe(false);
  });

  it('holds at most maxEntries, evicting the oldest, without re-opening a replay', () => {
    const guard = new ReplayGuard({ windowMs: 60_000, maxEntries: 3 });
    for (let i = 0; i < 3; i++) expect(guard.accept('a', uuid(i), NOW + i, NOW + i)).toBe(true);
    expect(guard.size).toBe(3);
    expect(guard.accept('a', uuid(3), NOW + 3, NOW + 3)).toBe(true);
    expect(guard.size).toBe(3);
    // uuid(0) was evicted, but a replay of it is refused by the eviction floor.
    expect(guard.accept('a', uuid(0), NOW, NOW + 4)).toBe(false);
    // The remembered ones are still refused; newer requests still pass.
    expect(guard.accept('a', uuid(3), NOW + 3, NOW + 4)).toBe(false);
    for (let i = 10; i < 1_000; i++) expect(guard.accept('a', uuid(i), NOW + i, NOW + i)).toBe(true);
    expect(guard.size).toBe(3);
    expect(guard.accept('a', uuid(500), NOW + 500, NOW + 1_000)).toBe(false);
    // Once the floor has fallen out of the window, nothing old is accepted anyway, and new requests pass.
    expect(guard.accept('a', uuid(2_000), NOW + 100_000, NOW + 100_000)).toBe(true);
    expect(guard.size).toBe(1);
  });

  it('validates its options', () => {
    expect(() => new ReplayGuard({ windowMs: 0 })).toThrow(RangeError);
    expect(() => new ReplayGuard({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new ReplayGuard({ maxEntries: 1.5 })).toThrow(RangeError);
  });
});
