import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { dashboardAction, dashboardConfigOf } from '../../src/cli/commands/dashboard';
import { HOTKEYS, result, tempDir, writeRound } from './fixtures';

describe('pog dashboard', () => {
  it('needs a source, defaults to 127.0.0.1:9180', () => {
    expect(() => dashboardConfigOf({}, {})).toThrow(/at least one source/);
    expect(dashboardConfigOf({ stateDir: '/x' }, {})).toMatchObject({ host: '127.0.0.1', port: 9180, refreshMs: 2000 });
    expect(dashboardConfigOf({}, { POG_LEDGER_DIR: '/l', POG_DASHBOARD_PORT: '9999' })).toMatchObject({ ledgerDir: '/l', port: 9999 });
  });

  it('prints the URL, serves, and stops on SIGTERM', async () => {
    const stateDir = tempDir('cli');
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.04)]);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    const signals = new EventEmitter();
    const io = { stdout, stderr: new PassThrough(), stdin: process.stdin, env: {} } as never;
    const done = dashboardAction({ stateDir, port: 0, logLevel: 'silent' }, io, signals as never);
    for (let i = 0; i < 100 && !out.includes('http://'); i++) await new Promise((r) => setTimeout(r, 20));
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1]!;
    const snap = (await (await fetch(`${url}api/snapshot`)).json()) as { miners: unknown[] };
    expect(snap.miners).toHaveLength(1);
    signals.emit('SIGTERM');
    await expect(done).resolves.toBe(0);
    await expect(fetch(`${url}health`)).rejects.toThrow();
  });
});
