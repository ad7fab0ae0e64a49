import {
  MAX_AUDIT_ROWS,
  MAX_CHALLENGE_BYTES,
  MAX_ROWS,
  MessageValidationError,
  parseMessage,
  serialiseMessage,
  validateMessage,
  type MessageKind,
} from '../../../src/pog/schemas';
import { PogError } from '../../../src/pog/errors';
import { auditRequest, auditResponse, challenge, commitment, ID } from './fixtures';

/** The error parseMessage throws for this value, serialised as JSON. */
function errorOf(kind: MessageKind, value: unknown): MessageValidationError {
  try {
    parseMessage(kind, JSON.stringify(value));
  } catch (e) {
    expect(e).toBeInstanceOf(MessageValidationError);
    expect(e).toBeInstanceOf(PogError);
    return e as MessageValidationError;
  }
  throw new Error(`${kind} message was accepted`);
}
const rejects = (kind: MessageKind, value: unknown, text: string) => expect(errorOf(kind, value).message).toContain(text);

describe('valid messages', () => {
  it.each([
    ['challenge', challenge()],
    ['commitment', commitment()],
    ['auditRequest', auditRequest()],
    ['auditResponse', auditResponse()],
  ] as const)('parses a valid %s from a string and from bytes', (kind, value) => {
    const raw = JSON.stringify(value);
    expect(parseMessage(kind, raw)).toEqual(value);
    expect(parseMessage(kind, Buffer.from(raw))).toEqual(value);
    expect(serialiseMessage(kind, value as never)).toBe(raw);
  });

  it('accepts optional fields left out', () => {
    const { device: _d, ...noDevice } = challenge();
    expect(parseMessage('challenge', JSON.stringify(noDevice))).toEqual(noDevice);
    const { minerTimings: _t, ...noTimings } = commitment();
    expect(parseMessage('commitment', JSON.stringify(noTimings))).toEqual(noTimings);
  });
});

describe('raw message checks', () => {
  it('refuses oversized input before parsing it', () => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const padded = JSON.stringify({ ...challenge(), pad: 'x'.repeat(MAX_CHALLENGE_BYTES) });
      expect(() => parseMessage('challenge', padded)).toThrow(`invalid challenge message: larger than ${MAX_CHALLENGE_BYTES} bytes`);
      expect(() => parseMessage('challenge', Buffer.from(padded))).toThrow('larger than 4096 bytes');
      // Fewer UTF-16 units than the bound, more UTF-8 bytes.
      const wide = '€'.repeat(2000);
      expect(wide.length).toBeLessThan(MAX_CHALLENGE_BYTES);
      expect(() => parseMessage('challenge', wide)).toThrow('larger than 4096 bytes');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('refuses text that is not JSON or not UTF-8', () => {
    expect(() => parseMessage('commitment', '{"version":1,')).toThrow('invalid commitment message: not valid JSON');
    expect(() => parseMessage('commitment', Uint8Array.of(0x7b, 0xff, 0x7d))).toThrow('not valid UTF-8');
    expect(() => parseMessage('commitment', 42 as unknown as string)).toThrow('must be a string or bytes');
  });

  it('refuses numbers that JSON turns into Infinity', () => {
    const raw = JSON.stringify(challenge()).replace('1700000000000', '1e400');
    expect(() => parseMessage('challenge', raw)).toThrow(MessageValidationError);
    expect(() => validateMessage('challenge', { ...challenge(), issuedAtMs: Number.NaN })).toThrow('issuedAtMs');
  });

  it('lists every issue in details and the first five in the message', () => {
    const error = errorOf('auditRequest', { ...auditRequest(), rows: [-1, -2, -3, -4, -5, -6, -7] });
    expect(error.details.issues).toHaveLength(7);
    expect(error.message).toMatch(/^invalid auditRequest message: rows\.0: .*; and 2 more$/);
  });
});

describe('challenge', () => {
  it('checks hex fields for exact length and lowercase', () => {
    rejects('challenge', { ...challenge(), challengeId: ID.slice(2) }, 'challengeId: must be 64 hex characters (32 bytes)');
    rejects('challenge', { ...challenge(), seed: 'AB'.repeat(32) }, 'seed: must be lowercase hex');
    rejects('challenge', { ...challenge(), seed: 'zz'.repeat(32) }, 'seed: must be lowercase hex');
  });

  it('refuses extra keys, also nested and __proto__', () => {
    rejects('challenge', { ...challenge(), extra: 1 }, 'Unrecognized key');
    rejects('challenge', { ...challenge(), params: { ...challenge().params, extra: 1 } }, 'params: Unrecognized key');
    const proto = JSON.stringify(challenge()).replace('{', '{"__proto__":{"x":1},');
    expect(() => parseMessage('challenge', proto)).toThrow('Unrecognized key');
  });

  it('checks version, device, time and the workload parameters', () => {
    rejects('challenge', { ...challenge(), version: 2 }, 'version');
    rejects('challenge', { ...challenge(), device: 'rocm' }, 'device');
    rejects('challenge', { ...challenge(), issuedAtMs: -1 }, 'issuedAtMs');
    rejects('challenge', { ...challenge(), issuedAtMs: 1.5 }, 'issuedAtMs');
    rejects('challenge', { ...challenge(), params: { ...challenge().params, rows: 1000 } }, 'params.rows: rows must be a power of two');
    rejects('challenge', { ...challenge(), params: { ...challenge().params, auditRows: 513 } }, 'params.auditRows');
    const { seed: _s, ...noSeed } = challenge();
    rejects('challenge', noSeed, 'seed');
  });
});

describe('commitment', () => {
  it('checks root and leaf count', () => {
    rejects('commitment', { ...commitment(), root: 'ab' }, 'root: must be 64 hex characters');
    rejects('commitment', { ...commitment(), leafCount: 100 }, 'leafCount: must be a power of two');
    rejects('commitment', { ...commitment(), leafCount: 0 }, 'leafCount');
    rejects('commitment', { ...commitment(), leafCount: MAX_ROWS * 2 }, 'leafCount');
  });

  it('bounds the informational timings', () => {
    rejects('commitment', { ...commitment(), minerTimings: { runMs: -1 } }, 'minerTimings.runMs');
    rejects('commitment', { ...commitment(), minerTimings: { runMs: 3_600_001 } }, 'minerTimings.runMs');
    rejects('commitment', { ...commitment(), minerTimings: { runMs: '5' } }, 'minerTimings.runMs');
    rejects('commitment', { ...commitment(), minerTimings: { gpuName: 'x' } }, 'minerTimings: Unrecognized key');
  });
});

describe('audit request', () => {
  it('refuses duplicate, negative, fractional or out-of-range rows', () => {
    rejects('auditRequest', { ...auditRequest(), rows: [1, 2, 1] }, 'rows: rows must be distinct');
    rejects('auditRequest', { ...auditRequest(), rows: [-1] }, 'rows.0');
    rejects('auditRequest', { ...auditRequest(), rows: [0.5] }, 'rows.0');
    rejects('auditRequest', { ...auditRequest(), rows: [MAX_ROWS] }, 'rows.0');
    rejects('auditRequest', { ...auditRequest(), rows: [] }, 'rows');
  });

  it('refuses more than 512 rows', () => {
    const rows = Array.from({ length: MAX_AUDIT_ROWS + 1 }, (_, i) => i);
    rejects('auditRequest', { ...auditRequest(), rows }, 'rows: Too big');
    expect(parseMessage('auditRequest', JSON.stringify({ ...auditRequest(), rows: rows.slice(1) })).rows).toHaveLength(512);
  });

  it('fits the largest request in its byte bound', () => {
    const rows = Array.from({ length: MAX_AUDIT_ROWS }, (_, i) => MAX_ROWS - 1 - i);
    expect(parseMessage('auditRequest', serialiseMessage('auditRequest', { version: 1, challengeId: ID, rows })).rows).toEqual(rows);
  });
});

describe('audit response', () => {
  const opening = () => auditResponse().openings[0]!;
  const withOpening = (o: object) => ({ ...auditResponse(), openings: [{ ...opening(), ...o }] });

  it('refuses malformed row data', () => {
    rejects('auditResponse', withOpening({ rows: 'AACAPwAAAMA' }), 'openings.0.rows: must be canonical padded base64');
    rejects('auditResponse', withOpening({ rows: 'AACAPwAAAMB=' }), 'must be canonical padded base64');
    rejects('auditResponse', withOpening({ rows: 'AACA PwAAAMA=' }), 'must be canonical padded base64');
    rejects('auditResponse', withOpening({ rows: 'AAA=' }), 'must decode to whole float32 values');
    rejects('auditResponse', withOpening({ rows: '' }), 'openings.0.rows');
  });

  it('bounds the proof and checks its hashes', () => {
    rejects('auditResponse', withOpening({ proof: new Array(33).fill(ID) }), 'openings.0.proof: Too big');
    rejects('auditResponse', withOpening({ proof: [ID.toUpperCase()] }), 'openings.0.proof.0: must be lowercase hex');
    rejects('auditResponse', withOpening({ leafIndex: -1 }), 'openings.0.leafIndex');
    rejects('auditResponse', withOpening({ extra: true }), 'openings.0: Unrecognized key');
  });

  it('bounds and de-duplicates the openings', () => {
    const many = Array.from({ length: MAX_AUDIT_ROWS + 1 }, (_, leafIndex) => ({ ...opening(), proof: [], leafIndex }));
    rejects('auditResponse', { ...auditResponse(), openings: many }, 'openings: Too big');
    rejects('auditResponse', { ...auditResponse(), openings: [opening(), opening()] }, 'openings: leaf indices must be distinct');
    rejects('auditResponse', { ...auditResponse(), openings: [] }, 'openings');
  });
});

describe('serialiseMessage', () => {
  it('refuses to send what the receiver would refuse', () => {
    expect(() => serialiseMessage('commitment', { ...commitment(), leafCount: 3 })).toThrow(MessageValidationError);
  });
});
