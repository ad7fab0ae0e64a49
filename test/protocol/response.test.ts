import { signatureVerify } from '@polkadot/util-crypto';
import {
  BadSignatureError,
  bodySha256Hex,
  MalformedHeaderError,
  MissingHeaderError,
  ProtocolError,
  RESPONSE_HEADERS,
  signResponse,
  UnexpectedSignerError,
  verifyResponse,
} from '../../src/protocol';
import { miner, NOW, stranger, thrown, utf8, UUID, UUID_V7 } from './helpers';

const BODY = utf8('{"root":"ab"}');

describe('signResponse / verifyResponse', () => {
  it('signs "{sha256(body)}.{requestUuid}.{timestamp}" with the miner hotkey', () => {
    const headers = signResponse({ signer: miner, requestUuid: UUID, body: BODY, nowMs: NOW });
    expect(Object.keys(headers).sort()).toEqual(Object.values(RESPONSE_HEADERS).sort());
    expect(headers[RESPONSE_HEADERS.signedBy]).toBe(miner.address);
    expect(headers[RESPONSE_HEADERS.timestamp]).toBe(String(NOW));
    const message = `${bodySha256Hex(BODY)}.${UUID}.${NOW}`;
    expect(signatureVerify(message, headers[RESPONSE_HEADERS.signature]!, miner.address).isValid).toBe(true);
  });

  it('round-trips', () => {
    const headers = signResponse({ signer: miner, requestUuid: UUID, body: BODY });
    expect(() => verifyResponse({ headers, body: BODY, requestUuid: UUID, expectedSigner: miner.address })).not.toThrow();
    expect(() => verifyResponse({ headers: { 'Epistula-Signed-By': [headers[RESPONSE_HEADERS.signedBy]!], ...headers, 'epistula-signed-by': undefined }, body: BODY, requestUuid: UUID, expectedSigner: miner.address })).not.toThrow();
  });

  it('rejects a tampered body, another request uuid, a tampered timestamp', () => {
    const headers = signResponse({ signer: miner, requestUuid: UUID, body: BODY, nowMs: NOW });
    const cases = [
      { headers, body: utf8('{"root":"cd"}'), requestUuid: UUID },
      { headers, body: BODY, requestUuid: UUID_V7 },
      { headers: { ...headers, [RESPONSE_HEADERS.timestamp]: String(NOW + 1) }, body: BODY, requestUuid: UUID },
    ];
    for (const c of cases) {
      const error = thrown(() => verifyResponse({ ...c, expectedSigner: miner.address })) as ProtocolError;
      expect(error).toBeInstanceOf(BadSignatureError);
      expect([error.status, error.reason]).toEqual([401, 'bad_signature']);
    }
  });

  it('rejects a response signed by another hotkey', () => {
    const headers = signResponse({ signer: stranger, requestUuid: UUID, body: BODY });
    const error = thrown(() => verifyResponse({ headers, body: BODY, requestUuid: UUID, expectedSigner: miner.address })) as ProtocolError;
    expect(error).toBeInstanceOf(UnexpectedSignerError);
    expect([error.status, error.reason]).toEqual([401, 'wrong_signer']);
    // Claiming the miner's address over someone else's signature.
    const claimed = { ...headers, [RESPONSE_HEADERS.signedBy]: miner.address };
    expect(thrown(() => verifyResponse({ headers: claimed, body: BODY, requestUuid: UUID, expectedSigner: miner.address }))).toBeInstanceOf(BadSignatureError);
  });

  it('rejects missing and malformed headers', () => {
    const headers = signResponse({ signer: miner, requestUuid: UUID, body: BODY });
    for (const name of Object.values(RESPONSE_HEADERS)) {
      const partial: Record<string, string> = { ...headers };
      delete partial[name];
      const error = thrown(() => verifyResponse({ headers: partial, body: BODY, requestUuid: UUID, expectedSigner: miner.address })) as ProtocolError;
      expect(error).toBeInstanceOf(MissingHeaderError);
      expect([error.status, error.reason]).toEqual([400, 'missing_header']);
    }
    const bad = { ...headers, [RESPONSE_HEADERS.signature]: '0x1234' };
    expect(thrown(() => verifyResponse({ headers: bad, body: BODY, requestUuid: UUID, expectedSigner: miner.address }))).toBeInstanceOf(MalformedHeaderError);
  });

  it('refuses a requestUuid that is not a UUID when signing', () => {
    expect(() => signResponse({ signer: miner, requestUuid: 'abc', body: BODY })).toThrow(TypeError);
  });
});
