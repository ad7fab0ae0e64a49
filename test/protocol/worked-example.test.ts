import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { keypairFromUri } from '../../src/chain/keys';
import { bodySha256Hex, ReplayGuard, requestSigningMessage, responseSigningMessage, signRequest, verifyRequest, verifyResponse } from '../../src/protocol';
import { verifyMessage } from '../../src/protocol/sr25519';

/**
 * docs/protocol.md's worked example is recomputed here from src/protocol: the strings and
 * their bytes must match exactly, and the signatures printed there (sr25519 is randomized,
 * so they cannot be reproduced) must verify, with the module's own verifiers.
 */
function documentedExample(): Record<string, string> {
  const doc = readFileSync(join(__dirname, '../../docs/protocol.md'), 'utf8');
  const block = /```text worked-example\n([\s\S]*?)\n```/.exec(doc);
  if (!block) throw new Error('docs/protocol.md has no ```text worked-example block');
  const values: Record<string, string> = {};
  for (const line of block[1]!.split('\n')) {
    const at = line.indexOf(': ');
    values[line.slice(0, at)] = line.slice(at + 2);
  }
  return values;
}

const doc = documentedExample();
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the worked example in docs/protocol.md', () => {
  const signer = keypairFromUri(doc['signer_uri']!);
  const receiver = keypairFromUri(doc['receiver_uri']!);
  const body = utf8(doc['body']!);
  const nowMs = Number(doc['epistula-timestamp']);

  it('has the keys, addresses and hashes src/protocol computes', () => {
    expect(u8aToHex(signer.publicKey)).toBe(doc['signer_public_key']);
    expect(u8aToHex(receiver.publicKey)).toBe(doc['receiver_public_key']);
    expect(bodySha256Hex(body)).toBe(doc['body_sha256']);
    expect(bodySha256Hex(utf8(doc['response_body']!))).toBe(doc['response_body_sha256']);
  });

  it('has exactly the headers (but the signature) and the signed string and bytes signRequest makes', () => {
    const headers = signRequest({ signer, receiver: receiver.address, body, method: doc['method']!, path: doc['path']!, nowMs, uuid: doc['epistula-uuid']! });
    for (const name of ['epistula-version', 'epistula-timestamp', 'epistula-uuid', 'epistula-signed-by', 'epistula-signed-for']) expect(headers[name]).toBe(doc[name]);
    const message = requestSigningMessage({
      bodyHash: bodySha256Hex(body),
      uuid: headers['epistula-uuid']!,
      timestamp: headers['epistula-timestamp']!,
      signedFor: headers['epistula-signed-for']!,
      method: doc['method']!,
      path: doc['path']!,
    });
    expect(message).toBe(doc['request_message']);
    expect(u8aToHex(utf8(message))).toBe(doc['request_message_hex']);
    // A fresh signature over the same string verifies too (sr25519 signatures are randomized).
    expect(verifyMessage(message, hexToU8a(headers['epistula-request-signature']!), signer.publicKey)).toBe(true);
  });

  it("has a request signature that the receiver's verifyRequest accepts, and only for that method and path", () => {
    const headers: Record<string, string> = {};
    for (const name of ['epistula-version', 'epistula-timestamp', 'epistula-uuid', 'epistula-signed-by', 'epistula-signed-for', 'epistula-request-signature']) headers[name] = doc[name]!;
    const verify = (method: string, path: string) =>
      verifyRequest({ headers, body, method, path, receiver: receiver.address, replay: new ReplayGuard(), nowMs: nowMs + 1 });
    expect(verify(doc['method']!, doc['path']!)).toMatchObject({ sender: doc['epistula-signed-by'], uuid: doc['epistula-uuid'] });
    expect(() => verify('POST', '/audit')).toThrow();
    // The plain-Epistula string (without `.POST /ping`) is not what was signed.
    const plain = doc['request_message']!.slice(0, doc['request_message']!.lastIndexOf('.'));
    expect(verifyMessage(plain, hexToU8a(doc['epistula-request-signature']!), signer.publicKey)).toBe(false);
  });

  it('has the response string and bytes, and a response signature verifyResponse accepts', () => {
    const responseBody = utf8(doc['response_body']!);
    const message = responseSigningMessage({ bodyHash: bodySha256Hex(responseBody), requestUuid: doc['epistula-uuid']!, timestamp: doc['response epistula-timestamp']! });
    expect(message).toBe(doc['response_message']);
    expect(u8aToHex(utf8(message))).toBe(doc['response_message_hex']);
    const headers = {
      'epistula-signed-by': doc['response epistula-signed-by'],
      'epistula-timestamp': doc['response epistula-timestamp'],
      'epistula-response-signature': doc['epistula-response-signature'],
    };
    expect(() => verifyResponse({ headers, body: responseBody, requestUuid: doc['epistula-uuid']!, expectedSigner: receiver.address })).not.toThrow();
    expect(() => verifyResponse({ headers, body: utf8('{"ok":false}'), requestUuid: doc['epistula-uuid']!, expectedSigner: receiver.address })).toThrow();
  });
});
