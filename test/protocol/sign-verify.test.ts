import { signatureVerify } from '@polkadot/util-crypto';
import {
  BadSignatureError,
  BodyTooLargeError,
  bodySha256Hex,
  MalformedHeaderError,
  MissingHeaderError,
  PROTOCOL_HEADERS,
  ProtocolError,
  protocolCryptoReady,
  protocolErrorBody,
  ReplayedRequestError,
  ReplayGuard,
  requestSigningMessage,
  SenderNotAllowedError,
  signRequest,
  StaleRequestError,
  verifyRequest,
  type VerifyRequestInput,
  WrongReceiverError,
} from '../../src/protocol';
import { miner, NOW, stranger, thrown, utf8, UUID, UUID_V7, validator } from './helpers';

const BODY = utf8('{"kind":"challenge","n":1}');

function signed(overrides: Partial<Parameters<typeof signRequest>[0]> = {}): Record<string, string> {
  return signRequest({ signer: validator, receiver: miner.address, body: BODY, method: 'POST', path: '/challenge', nowMs: NOW, uuid: UUID, ...overrides });
}

function verifyInput(headers: VerifyRequestInput['headers'], overrides: Partial<VerifyRequestInput> = {}): VerifyRequestInput {
  return { headers, body: BODY, method: 'POST', path: '/challenge', receiver: miner.address, replay: new ReplayGuard(), nowMs: NOW, ...overrides };
}

function expectRejection(fn: () => unknown, cls: new (...args: never[]) => ProtocolError, status: number, reason: string): ProtocolError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(cls);
  expect(error).toBeInstanceOf(ProtocolError);
  const protocolError = error as ProtocolError;
  expect(protocolError.status).toBe(status);
  expect(protocolError.reason).toBe(reason);
  expect(protocolError.name).toBe(cls.name);
  return protocolError;
}

describe('bodySha256Hex', () => {
  it('is the lowercase hex SHA-256 of the bytes', () => {
    expect(bodySha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bodySha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('signRequest', () => {
  it('emits the six lowercase headers', () => {
    const headers = signed();
    expect(Object.keys(headers).sort()).toEqual(Object.values(PROTOCOL_HEADERS).sort());
    expect(headers[PROTOCOL_HEADERS.version]).toBe('2');
    expect(headers[PROTOCOL_HEADERS.timestamp]).toBe(String(NOW));
    expect(headers[PROTOCOL_HEADERS.uuid]).toBe(UUID);
    expect(headers[PROTOCOL_HEADERS.signedBy]).toBe(validator.address);
    expect(headers[PROTOCOL_HEADERS.signedFor]).toBe(miner.address);
    expect(headers[PROTOCOL_HEADERS.signature]).toMatch(/^0x[0-9a-f]{128}$/);
  });

  it('signs exactly "{sha256(body)}.{uuid}.{timestamp}.{signed_for}.{METHOD} {path}"', () => {
    const headers = signed({ method: 'post' });
    const message = `${bodySha256Hex(BODY)}.${UUID}.${NOW}.${miner.address}.POST /challenge`;
    expect(requestSigningMessage({ bodyHash: bodySha256Hex(BODY), uuid: UUID, timestamp: String(NOW), signedFor: miner.address, method: 'POST', path: '/challenge' })).toBe(message);
    // Checked with polkadot's own verifier, independently of the module's.
    expect(signatureVerify(message, headers[PROTOCOL_HEADERS.signature]!, validator.address).isValid).toBe(true);
    // The plain Epistula v2 string is not what is signed.
    const plain = `${bodySha256Hex(BODY)}.${UUID}.${NOW}.${miner.address}`;
    expect(signatureVerify(plain, headers[PROTOCOL_HEADERS.signature]!, validator.address).isValid).toBe(false);
  });

  it('makes a fresh UUID v4 and takes the clock by default', () => {
    const before = Date.now();
    const a = signRequest({ signer: validator, receiver: miner.address, body: BODY, method: 'POST', path: '/x' });
    const b = signRequest({ signer: validator, receiver: miner.address, body: BODY, method: 'POST', path: '/x' });
    expect(a[PROTOCOL_HEADERS.uuid]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a[PROTOCOL_HEADERS.uuid]).not.toBe(b[PROTOCOL_HEADERS.uuid]);
    expect(Number(a[PROTOCOL_HEADERS.timestamp])).toBeGreaterThanOrEqual(before);
  });

  it('refuses arguments that could never verify', () => {
    const base = { signer: validator, receiver: miner.address, body: BODY, method: 'POST', path: '/x' };
    expect(() => signRequest({ ...base, receiver: 'nope' })).toThrow(TypeError);
    expect(() => signRequest({ ...base, uuid: 'not-a-uuid' })).toThrow(TypeError);
    expect(() => signRequest({ ...base, uuid: '0b8f3a52-8c1e-1c7a-9a53-2f1d6e0c9b41' })).toThrow(TypeError); // v1
    expect(() => signRequest({ ...base, path: 'x' })).toThrow(TypeError);
    expect(() => signRequest({ ...base, path: '/a b' })).toThrow(TypeError);
    expect(() => signRequest({ ...base, method: 'PO ST' })).toThrow(TypeError);
    expect(() => signRequest({ ...base, nowMs: 1.5 })).toThrow(TypeError);
  });
});

describe('verifyRequest: accepted', () => {
  it('round-trips sign → verify', () => {
    expect(verifyRequest(verifyInput(signed()))).toEqual({ sender: validator.address, uuid: UUID, timestampMs: NOW });
  });

  it('accepts a UUID v7, an empty GET body, a query string and any method case on the server side', () => {
    const headers = signed({ uuid: UUID_V7, body: new Uint8Array(0), method: 'GET', path: '/status?verbose=1' });
    expect(verifyRequest(verifyInput(headers, { body: new Uint8Array(0), method: 'get', path: '/status?verbose=1' })).uuid).toBe(UUID_V7);
  });

  it('matches header names case-insensitively and takes a one-element array', () => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(signed())) headers[name.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase())] = [value];
    expect(verifyRequest(verifyInput(headers)).sender).toBe(validator.address);
  });

  it('accepts timestamps exactly at ±maxSkewMs', () => {
    expect(verifyRequest(verifyInput(signed({ nowMs: NOW - 10_000 }))).timestampMs).toBe(NOW - 10_000);
    expect(verifyRequest(verifyInput(signed({ nowMs: NOW + 10_000 }))).timestampMs).toBe(NOW + 10_000);
    expect(verifyRequest(verifyInput(signed({ nowMs: NOW - 500 }), { maxSkewMs: 500 })).timestampMs).toBe(NOW - 500);
  });

  it('gives the same answers on the pure-JS and the wasm sr25519 verifier', async () => {
    const good = signed();
    const bad = { ...good, [PROTOCOL_HEADERS.signature]: signed({ body: utf8('other') })[PROTOCOL_HEADERS.signature]! };
    const before = [verifyRequest(verifyInput(good)).sender, thrown(() => verifyRequest(verifyInput(bad)))];
    await protocolCryptoReady();
    const after = [verifyRequest(verifyInput(good)).sender, thrown(() => verifyRequest(verifyInput(bad)))];
    expect(before[0]).toBe(after[0]);
    expect(before[1]).toBeInstanceOf(BadSignatureError);
    expect(after[1]).toBeInstanceOf(BadSignatureError);
  });
});

describe('verifyRequest: each rejection', () => {
  it.each(Object.values(PROTOCOL_HEADERS))('missing %s → MissingHeaderError 400', (name) => {
    const headers: Record<string, string> = { ...signed() };
    delete headers[name];
    const error = expectRejection(() => verifyRequest(verifyInput(headers)), MissingHeaderError, 400, 'missing_header');
    expect((error as MissingHeaderError).header).toBe(name);
  });

  it('an empty header counts as missing', () => {
    expectRejection(() => verifyRequest(verifyInput({ ...signed(), [PROTOCOL_HEADERS.signature]: '' })), MissingHeaderError, 400, 'missing_header');
  });

  it('no headers at all → MissingHeaderError', () => {
    expectRejection(() => verifyRequest(verifyInput({})), MissingHeaderError, 400, 'missing_header');
  });

  const malformed: Array<[string, string, string]> = [
    ['version 1', PROTOCOL_HEADERS.version, '1'],
    ['timestamp with letters', PROTOCOL_HEADERS.timestamp, '17500000000x0'],
    ['timestamp in seconds with a fraction', PROTOCOL_HEADERS.timestamp, '1750000000.5'],
    ['negative timestamp', PROTOCOL_HEADERS.timestamp, '-1750000000000'],
    ['timestamp with a leading zero', PROTOCOL_HEADERS.timestamp, '01750000000000'],
    ['timestamp beyond 2^53', PROTOCOL_HEADERS.timestamp, '9999999999999999'],
    ['uuid not a uuid', PROTOCOL_HEADERS.uuid, 'hello'],
    ['uuid v1', PROTOCOL_HEADERS.uuid, '0b8f3a52-8c1e-1c7a-9a53-2f1d6e0c9b41'],
    ['uuid without dashes', PROTOCOL_HEADERS.uuid, '0b8f3a528c1e4c7a9a532f1d6e0c9b41'],
    ['signed-by not base58', PROTOCOL_HEADERS.signedBy, '0x' + 'ab'.repeat(32)],
    ['signed-by bad checksum', PROTOCOL_HEADERS.signedBy, '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ'],
    ['signed-by with another ss58 prefix', PROTOCOL_HEADERS.signedBy, '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5'],
    ['signed-for not an address', PROTOCOL_HEADERS.signedFor, 'miner'],
    ['signature without 0x', PROTOCOL_HEADERS.signature, 'ab'.repeat(64)],
    ['signature too short', PROTOCOL_HEADERS.signature, '0x' + 'ab'.repeat(63)],
    ['signature not hex', PROTOCOL_HEADERS.signature, '0x' + 'zz'.repeat(64)],
    ['value over the size bound', PROTOCOL_HEADERS.uuid, 'x'.repeat(10_000)],
  ];
  it.each(malformed)('%s → MalformedHeaderError 400', (_label, name, value) => {
    const error = expectRejection(() => verifyRequest(verifyInput({ ...signed(), [name]: value })), MalformedHeaderError, 400, 'malformed');
    expect((error as MalformedHeaderError).header).toBe(name);
    expect(error.message).not.toContain(value.slice(0, 20));
  });

  it('a header given twice → MalformedHeaderError', () => {
    const headers = signed();
    expectRejection(() => verifyRequest(verifyInput({ ...headers, 'Epistula-Uuid': UUID })), MalformedHeaderError, 400, 'malformed');
    expectRejection(() => verifyRequest(verifyInput({ ...headers, [PROTOCOL_HEADERS.uuid]: [UUID, UUID] })), MalformedHeaderError, 400, 'malformed');
  });

  it('a wrong receiver → WrongReceiverError 401', () => {
    expectRejection(() => verifyRequest(verifyInput(signed({ receiver: stranger.address }))), WrongReceiverError, 401, 'bad_receiver');
  });

  it('a tampered body → BadSignatureError 401', () => {
    expectRejection(() => verifyRequest(verifyInput(signed(), { body: utf8('{"kind":"challenge","n":2}') })), BadSignatureError, 401, 'bad_signature');
  });

  it('a tampered path or method → BadSignatureError 401 (no cross-endpoint replay)', () => {
    expectRejection(() => verifyRequest(verifyInput(signed(), { path: '/audit' })), BadSignatureError, 401, 'bad_signature');
    expectRejection(() => verifyRequest(verifyInput(signed(), { path: '/challenge?x=1' })), BadSignatureError, 401, 'bad_signature');
    expectRejection(() => verifyRequest(verifyInput(signed(), { method: 'PUT' })), BadSignatureError, 401, 'bad_signature');
  });

  it('a tampered uuid or timestamp → BadSignatureError 401', () => {
    expectRejection(() => verifyRequest(verifyInput({ ...signed(), [PROTOCOL_HEADERS.uuid]: UUID_V7 })), BadSignatureError, 401, 'bad_signature');
    expectRejection(() => verifyRequest(verifyInput({ ...signed(), [PROTOCOL_HEADERS.timestamp]: String(NOW + 1) })), BadSignatureError, 401, 'bad_signature');
  });

  it('a signature by another key → BadSignatureError 401', () => {
    const byStranger = signed({ signer: stranger });
    const headers = { ...signed(), [PROTOCOL_HEADERS.signature]: byStranger[PROTOCOL_HEADERS.signature]! };
    expectRejection(() => verifyRequest(verifyInput(headers)), BadSignatureError, 401, 'bad_signature');
    // Claiming to be someone else with one's own valid signature fails the same way.
    expectRejection(() => verifyRequest(verifyInput({ ...byStranger, [PROTOCOL_HEADERS.signedBy]: validator.address })), BadSignatureError, 401, 'bad_signature');
  });

  it('stale past and future → StaleRequestError 401', () => {
    expectRejection(() => verifyRequest(verifyInput(signed({ nowMs: NOW - 10_001 }))), StaleRequestError, 401, 'stale');
    expectRejection(() => verifyRequest(verifyInput(signed({ nowMs: NOW + 10_001 }))), StaleRequestError, 401, 'stale');
    expectRejection(() => verifyRequest(verifyInput(signed({ nowMs: NOW - 600 }), { maxSkewMs: 500 })), StaleRequestError, 401, 'stale');
  });

  it('a replay of the same request → ReplayedRequestError 401', () => {
    const replay = new ReplayGuard();
    const headers = signed();
    verifyRequest(verifyInput(headers, { replay }));
    expectRejection(() => verifyRequest(verifyInput(headers, { replay, nowMs: NOW + 2_000 })), ReplayedRequestError, 401, 'replayed');
    // The same uuid re-signed for another endpoint is still the same (sender, uuid).
    expectRejection(() => verifyRequest(verifyInput(signed({ path: '/audit' }), { replay, path: '/audit' })), ReplayedRequestError, 401, 'replayed');
    // Another sender may use the same uuid.
    expect(verifyRequest(verifyInput(signed({ signer: stranger }), { replay })).sender).toBe(stranger.address);
  });

  it('a sender not allowed → SenderNotAllowedError 403, after the signature check', () => {
    const isAllowed = (hotkey: string) => hotkey === stranger.address;
    expectRejection(() => verifyRequest(verifyInput(signed(), { isAllowed })), SenderNotAllowedError, 403, 'not_allowed');
    // A forged request from an unlisted key is reported as a bad signature, not as not allowed.
    const forged = { ...signed(), [PROTOCOL_HEADERS.signature]: signed({ signer: stranger })[PROTOCOL_HEADERS.signature]! };
    let asked = false;
    expectRejection(() => verifyRequest(verifyInput(forged, { isAllowed: () => ((asked = true), false) })), BadSignatureError, 401, 'bad_signature');
    expect(asked).toBe(false);
    expect(verifyRequest(verifyInput(signed({ signer: stranger }), { isAllowed })).sender).toBe(stranger.address);
  });

  it('a body over the bound → BodyTooLargeError 413', () => {
    const big = new Uint8Array(64 * 1024 + 1);
    expectRejection(() => verifyRequest(verifyInput(signed({ body: big }), { body: big })), BodyTooLargeError, 413, 'body_too_large');
    expectRejection(() => verifyRequest(verifyInput(signed(), { maxBodyBytes: BODY.length - 1 })), BodyTooLargeError, 413, 'body_too_large');
    expect(verifyRequest(verifyInput(signed(), { maxBodyBytes: BODY.length })).sender).toBe(validator.address);
  });

  it('neither a rejected nor a refused request is remembered by the replay guard', () => {
    const replay = new ReplayGuard();
    thrown(() => verifyRequest(verifyInput(signed(), { replay, isAllowed: () => false })));
    thrown(() => verifyRequest(verifyInput(signed(), { replay, path: '/other' })));
    expect(replay.size).toBe(0);
    verifyRequest(verifyInput(signed(), { replay }));
    expect(replay.size).toBe(1);
  });

  it('checks in the documented order', () => {
    // Stale and wrongly addressed and badly signed: stale wins.
    const everythingWrong = { ...signed({ nowMs: NOW - 60_000, receiver: stranger.address }), [PROTOCOL_HEADERS.signature]: '0x' + '00'.repeat(64) };
    expectRejection(() => verifyRequest(verifyInput(everythingWrong)), StaleRequestError, 401, 'stale');
    // Wrong receiver and a tampered body: the receiver check comes first.
    expectRejection(() => verifyRequest(verifyInput(signed({ receiver: stranger.address }), { body: utf8('x') })), WrongReceiverError, 401, 'bad_receiver');
    // Malformed beats stale.
    expectRejection(() => verifyRequest(verifyInput({ ...signed({ nowMs: 1 }), [PROTOCOL_HEADERS.uuid]: 'x' })), MalformedHeaderError, 400, 'malformed');
  });

  it('throws only ProtocolErrors for junk input', () => {
    const junk: unknown[] = [null, undefined, 42, 'headers', [], { [PROTOCOL_HEADERS.version]: 2 }, { [PROTOCOL_HEADERS.version]: ['2', '2'] }];
    for (const headers of junk) {
      expect(thrown(() => verifyRequest(verifyInput(headers as VerifyRequestInput['headers'])))).toBeInstanceOf(ProtocolError);
    }
    expect(thrown(() => verifyRequest(verifyInput(signed(), { body: 'text' as unknown as Uint8Array })))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => verifyRequest(verifyInput(signed(), { path: 'x'.repeat(10_000) })))).toBeInstanceOf(ProtocolError);
    expect(thrown(() => verifyRequest(verifyInput(signed(), { method: '' })))).toBeInstanceOf(ProtocolError);
  });

  it('protocolErrorBody gives { error: reason, message }', () => {
    const error = thrown(() => verifyRequest(verifyInput(signed({ nowMs: NOW - 60_000 })))) as ProtocolError;
    expect(protocolErrorBody(error)).toEqual({ error: 'stale', message: error.message });
  });
});
