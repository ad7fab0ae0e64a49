import { ConfigError, loadConfig, minerConfigSchema } from '../../src/config';
import { MAX_MODEL_BYTES } from '../../src/protocol';

describe("the miner's job settings", () => {
  it('serves jobs by default with the documented bounds, and --no-jobs (jobs: false) turns them off', () => {
    const config = loadConfig(minerConfigSchema, { flags: { netuid: 1 } });
    expect(config).toMatchObject({ jobs: true, jobsMaxModelMib: 64, jobsCacheMib: 512, jobsCachePerValidatorMib: 256, jobsPerValidator: 2, jobsMaxQueued: 8, jobsMaxRunSeconds: 60 });
    expect(loadConfig(minerConfigSchema, { flags: { netuid: 1, jobs: false } }).jobs).toBe(false);
  });

  it("refuses a model bound over the wire's and non-positive bounds", () => {
    expect(MAX_MODEL_BYTES).toBe(64 * 2 ** 20);
    expect(() => loadConfig(minerConfigSchema, { flags: { netuid: 1, jobsMaxModelMib: 65 } })).toThrow(ConfigError);
    expect(() => loadConfig(minerConfigSchema, { flags: { netuid: 1, jobsPerValidator: 0 } })).toThrow(/jobsPerValidator/);
  });
});
