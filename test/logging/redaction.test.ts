import { Writable } from 'node:stream';
import { createRootLogger } from '../../src/logging';

describe('root logger', () => {
  it('never writes secrets, at the top level or one level down', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createRootLogger({ level: 'info', destination });
    const secrets = { mnemonic: 'bottom drive obey', secretPhrase: 'lake curtain', secretSeed: '0xabc', privateKey: '0xdef', password: 'hunter2' };
    logger.info({ ...secrets, wallet: { ...secrets, ss58Address: '5Grw' } }, 'loaded');
    const text = lines.join('');
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
    expect(text).toContain('5Grw');
    expect(text).toContain('[redacted]');
  });
});
