import { chooseExternalIp, MetagraphRefresher, UNKNOWN_STAKE_PRIORITY, ValidatorAccess, versionAsInt, type MetagraphView } from '../../src/miner';
import { loadConfig, minerConfigSchema, minerEnvironment } from '../../src/config';
import { memoryLogger, validatorA, validatorB, stranger } from './helpers';

const A = validatorA().address;
const B = validatorB().address;
const S = stranger().address;

const metagraph = (block: number, permits: [string, bigint, boolean][]): MetagraphView => ({
  block,
  hotkeys: permits.map(([h]) => h),
  stake: permits.map(([, s]) => s),
  validatorPermit: permits.map(([, , p]) => p),
});

describe('ValidatorAccess', () => {
  it('serves validator-permit holders and the allowlist, nobody else', () => {
    const access = new ValidatorAccess([S]);
    expect(access.isAllowed(A)).toBe(false);
    expect(access.grantOf(S)).toBe('allowlist');
    access.update(metagraph(5, [[A, 100n, true], [B, 50n, false]]));
    expect(access.grantOf(A)).toBe('validator-permit');
    expect(access.isAllowed(B)).toBe(false); // registered, but no permit
    expect(access.allowedCount).toBe(2);
    expect(access.isRegistered(B)).toBe(true);
  });

  it('ranks by stake; allowlisted hotkeys outside the metagraph come last; older metagraphs are ignored', () => {
    const access = new ValidatorAccess([S]);
    access.update(metagraph(7, [[A, 100n, true], [B, 50n, true]]));
    expect(access.priorityOf(A)).toBe(100n);
    expect(access.priorityOf(S)).toBe(UNKNOWN_STAKE_PRIORITY);
    access.update(metagraph(6, [[A, 1n, false]]));
    expect(access.priorityOf(A)).toBe(100n);
    access.update(metagraph(8, [[B, 50n, true]]));
    expect(access.isAllowed(A)).toBe(false); // permit gone at block 8
    expect(access.metagraphBlock).toBe(8);
  });
});

describe('MetagraphRefresher', () => {
  it('refreshes in the background; a failed read is logged and the last metagraph stays in use', async () => {
    const { logger, lines } = memoryLogger();
    const access = new ValidatorAccess();
    const reads: (MetagraphView | Error)[] = [metagraph(1, [[A, 1n, true]]), new Error('node went away'), metagraph(3, [[B, 1n, true]])];
    const failures: Error[] = [];
    const refresher = new MetagraphRefresher({
      load: async () => {
        const next = reads.shift() ?? metagraph(3, [[B, 1n, true]]);
        if (next instanceof Error) throw next;
        return next;
      },
      intervalMs: 10,
      onMetagraph: (mg) => access.update(mg),
      onFailure: (e) => failures.push(e),
      logger,
    });
    expect(await refresher.refresh()).toBe(true);
    expect(access.isAllowed(A)).toBe(true);
    expect(await refresher.refresh()).toBe(false);
    expect(access.isAllowed(A)).toBe(true);
    expect(failures.map((e) => e.message)).toEqual(['node went away']);
    expect(lines.some((l) => l.msg === 'metagraph refresh failed; keeping the last one' && l.err === 'node went away')).toBe(true);
    refresher.start();
    await new Promise((r) => setTimeout(r, 60));
    await refresher.stop();
    expect(access.isAllowed(B)).toBe(true);
    expect(access.isAllowed(A)).toBe(false);
  });
});

describe('startup details', () => {
  it('picks the announced address: configured, else a public interface before a private one, else 0.0.0.0', () => {
    const iface = (address: string, internal = false) => ({ address, internal, family: 'IPv4' as const, netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: null });
    expect(chooseExternalIp('203.0.113.7', {})).toEqual({ ip: '203.0.113.7', source: 'configured' });
    expect(chooseExternalIp(undefined, { lo: [iface('127.0.0.1', true)], eth0: [iface('10.1.2.3')], eth1: [iface('198.51.100.4')] })).toEqual({ ip: '198.51.100.4', source: 'interface' });
    expect(chooseExternalIp(undefined, { lo: [iface('127.0.0.1', true)], eth0: [iface('10.1.2.3')] })).toEqual({ ip: '10.1.2.3', source: 'interface' });
    expect(chooseExternalIp(undefined, { lo: [iface('127.0.0.1', true)] })).toEqual({ ip: '0.0.0.0', source: 'none' });
  });

  it('serves its version on chain as the SDK does', () => {
    expect(versionAsInt('0.1.0')).toBe(10);
    expect(versionAsInt('2.3.4')).toBe(234);
  });

  it('config: defaults, env, flags; bad values are named', () => {
    const config = loadConfig(minerConfigSchema, { env: minerEnvironment({ POG_MINER_ALLOW: `${A}, ${B}`, POG_MINER_AXON_PORT: '9000' }), flags: { netuid: 3, axonExternalIp: '203.0.113.7' } });
    expect(config).toMatchObject({ netuid: 3, axonPort: 9000, axonHost: '0.0.0.0', device: 'cpu', allow: [A, B], queueSize: 64, perValidator: 4, metagraphRefresh: 60, axonExternalIp: '203.0.113.7' });
    expect(() => loadConfig(minerConfigSchema, { flags: { netuid: 1, allow: ['nope'] } })).toThrow(/allow\.0: must be an ss58 hotkey address/);
    expect(() => loadConfig(minerConfigSchema, { flags: { netuid: 1, axonExternalIp: 'miner.example' } })).toThrow(/axonExternalIp/);
    expect(() => loadConfig(minerConfigSchema, { flags: {} })).toThrow(/netuid/);
  });
});
