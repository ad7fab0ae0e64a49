import { type EpochInput, EpochInputError, runEpoch } from '../../../../src/chain/devnet/yuma';
import { epochInput } from './input';

// (i) Malformed input throws EpochInputError naming the field.
describe('epoch: input validation', () => {
  const valid = epochInput(3, { stake: [1n, 2n, 3n] });

  const cases: [string, Partial<EpochInput>, string, RegExp][] = [
    ['a short lastUpdate', { lastUpdate: [1, 2] }, 'lastUpdate', /2 entries, expected one per uid \(3\)/],
    ['a short blockAtRegistration', { blockAtRegistration: [0] }, 'blockAtRegistration', /1 entries/],
    ['a long weights', { weights: [[], [], [], []] }, 'weights', /4 entries/],
    ['a short bonds', { bonds: [[]] }, 'bonds', /1 entries/],
    ['a weight to uid 3 of 3', { weights: [[[3, 1]], [], []] }, 'weights[0][0]', /uid 3 is outside 0\.\.2/],
    ['a negative uid', { bonds: [[], [[-1, 1]], []] }, 'bonds[1][0]', /uid -1 is outside/],
    ['a weight of 65536', { weights: [[], [[0, 65536]], []] }, 'weights[1][0]', /integer in 0\.\.65535/],
    ['a fractional weight', { weights: [[], [[0, 0.5]], []] }, 'weights[1][0]', /integer in 0\.\.65535/],
    ['a duplicate uid in a row', { weights: [[[1, 1], [1, 2]], [], []] }, 'weights[0][1]', /uid 1 appears twice/],
    ['kappa 65536', { kappa: 65536 }, 'kappa', /0\.\.65535, got 65536/],
    ['a negative bonds penalty', { bondsPenalty: -1 }, 'bondsPenalty', /0\.\.65535/],
    ['a moving average over 1e6', { bondsMovingAverage: 1_000_001 }, 'bondsMovingAverage', /0\.\.1000000/],
    ['a negative stake', { stake: [1n, -1n, 3n] }, 'stake[1]', /bigint ≥ 0/],
    ['a number stake', { stake: [1n, 2, 3n] as unknown as bigint[] }, 'stake[1]', /bigint ≥ 0/],
    ['a negative emission', { minerEmission: -5n }, 'minerEmission', /bigint ≥ 0/],
    ['an owner uid out of range', { ownerUid: 3 }, 'ownerUid', /0\.\.2, got 3/],
    ['a fractional block', { currentBlock: 1.5 }, 'currentBlock', /integer/],
    ['a negative last update', { lastUpdate: [0, -1, 0] }, 'lastUpdate[1]', /integer/],
    ['a short previous permit vector', { prevValidatorPermit: [true] }, 'prevValidatorPermit', /1 entries/],
  ];

  it.each(cases)('rejects %s', (_what, overrides, field, message) => {
    const attempt = () => runEpoch({ ...valid, ...overrides });
    expect(attempt).toThrow(EpochInputError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as EpochInputError).field).toBe(field);
      expect((error as EpochInputError).name).toBe('EpochInputError');
    }
  });

  it('accepts the valid input and an empty subnet', () => {
    expect(() => runEpoch(valid)).not.toThrow();
    const empty = runEpoch(epochInput(0, { minerEmission: 7n, validatorEmission: 3n }));
    expect(empty.emission).toEqual([]);
    expect(empty.undistributed).toBe(10n);
  });
});
