import { BaseError } from '../../src/base';
import { ConfigError } from '../../src/config';
import { ChainError } from '../../src/chain/client/errors';
import { KeyError } from '../../src/chain/keys/errors';
import { ChainStoreError } from '../../src/chain/devnet/store/errors';
import { DevnetDataError } from '../../src/chain/devnet/node/errors';
import { RpcError } from '../../src/chain/devnet/rpc/rpc-error';
import { RpcServerStartError } from '../../src/chain/devnet/rpc/server-errors';
import { DispatchFailure } from '../../src/chain/devnet/runtime/dispatch-error';
import { EpochInputError } from '../../src/chain/devnet/yuma/errors';
import { EconomyError, InvalidEconomyConfigError } from '../../src/economy/errors';
import { MinerError, NotRegisteredError } from '../../src/miner/errors';
import { InvalidParamsError, PogError } from '../../src/pog/errors';
import { MissingHeaderError, ProtocolError } from '../../src/protocol/errors';
import { EvidenceFormatError } from '../../src/records/evidence-format';
import { ValidatorError } from '../../src/validator/errors';
import { reportFatal } from '../../src/cli/report-fatal';

function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let out = '';
  return { stream: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream, text: () => out };
}

describe('BaseError', () => {
  it('carries shortMessage, details, cause and the class name', () => {
    const cause = new Error('socket closed');
    const e = new BaseError('could not read x', { details: { path: '/x' }, cause });
    expect(e.message).toBe('could not read x');
    expect(e.shortMessage).toBe('could not read x');
    expect(e.details).toEqual({ path: '/x' });
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('BaseError');
    expect(e.exitCode).toBe(1);
  });

  it('is the root of every module root error', () => {
    const roots: Error[] = [
      new ConfigError('c'),
      new ChainError('c'),
      new KeyError('k'),
      new ChainStoreError('s'),
      new DevnetDataError('d'),
      new RpcError(1010, 'Invalid Transaction'),
      new RpcServerStartError('r', '127.0.0.1', 1, 'EACCES'),
      new DispatchFailure('BadOrigin', 'BadOrigin'),
      new EpochInputError('bad', 'weights[0]'),
      new EconomyError('e'),
      new MinerError('m'),
      new PogError('p'),
      new ProtocolError('p', 400, 'malformed'),
      new EvidenceFormatError('f'),
      new ValidatorError('v'),
    ];
    for (const e of roots) expect(e).toBeInstanceOf(BaseError);
    expect(new MissingHeaderError('x').name).toBe('MissingHeaderError');
    expect(new InvalidEconomyConfigError('x').name).toBe('InvalidEconomyConfigError');
  });

  it('decides the CLI exit code: 2 for bad input, 1 otherwise', () => {
    const cases: Array<[unknown, number]> = [
      [new ConfigError('bad flag'), 2],
      [new InvalidEconomyConfigError('bad file'), 2],
      [new InvalidParamsError('n too large'), 2],
      [new NotRegisteredError('not registered'), 2],
      [new PogError('other'), 1],
      [new ChainError('down'), 1],
      [new Error('plain'), 1],
      ['a string', 1],
    ];
    for (const [error, code] of cases) {
      const out = sink();
      expect(reportFatal(error, out.stream)).toBe(code);
      expect(out.text()).toBe(`pog: error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  });
});
