import { hexToU8a, isHex, u8aEq } from '@polkadot/util';
import { z } from 'zod';
import { AddressMismatchError, CorruptKeyfileError, InvalidKeyError, UnsupportedEncryptionError } from './errors';
import {
  keyMaterialFromMnemonic,
  keyMaterialFromPrivateKey,
  keyMaterialFromSeed,
  publicKeyOfAddress,
  secretKeyToPrivateKey,
  ss58Address,
  toHex,
  type KeyMaterial,
} from './keypair';

/**
 * A Bittensor keyfile's JSON (btwallet `serialized_keypair_to_keyfile_data`). Key order is
 * arbitrary (btwallet serialises a hash map) and absent fields may be `null`.
 */
const keyfileJsonSchema = z
  .object({
    accountId: z.string().nullish(),
    publicKey: z.string().nullish(),
    privateKey: z.string().nullish(),
    secretPhrase: z.string().nullish(),
    secretSeed: z.string().nullish(),
    ss58Address: z.string().nullish(),
  })
  .passthrough();

export type KeyfileJson = z.infer<typeof keyfileJsonSchema>;

/**
 * The keyfile JSON for `material`: every field it has, as btwallet writes them. With
 * `publicOnly`, only `accountId`, `publicKey` and `ss58Address` (`coldkeypub.txt`,
 * `<hotkey>pub.txt`).
 */
export function keyfileJson(material: KeyMaterial, options: { publicOnly?: boolean } = {}): string {
  const publicKey = toHex(material.publicKey);
  const data: Record<string, string> = { accountId: publicKey, publicKey };
  if (!options.publicOnly) {
    if (material.secretKey) data.privateKey = toHex(secretKeyToPrivateKey(material.secretKey));
    if (material.mnemonic) data.secretPhrase = material.mnemonic;
    if (material.seed) data.secretSeed = toHex(material.seed);
  }
  data.ss58Address = ss58Address(material.publicKey);
  return JSON.stringify(data);
}

function hexField(path: string, name: string, value: string, bytes: number): Uint8Array {
  if (!isHex(value) || value.length !== 2 + 2 * bytes) throw new CorruptKeyfileError(path, `${name} is not 0x-prefixed hex of ${bytes} bytes`);
  return hexToU8a(value);
}

/**
 * The key a keyfile holds, loaded from its best field as btwallet does — `secretPhrase`, then
 * `secretSeed`, then `privateKey`, then the public `ss58Address`/`publicKey` — and checked
 * against the address and public key it records. `path` names the file in errors.
 *
 * @throws CorruptKeyfileError for unparsable JSON or malformed fields,
 *   AddressMismatchError when the secret derives a different key than the one recorded.
 */
export function keyMaterialFromKeyfileJson(text: string | Uint8Array, path: string): KeyMaterial {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
  } catch {
    throw new CorruptKeyfileError(path, 'not JSON and not a known encryption format');
  }
  if (typeof raw === 'object' && raw !== null && 'encoded' in raw && 'encoding' in raw) {
    throw new UnsupportedEncryptionError(path, 'polkadot-js encrypted JSON (pkcs8 + scrypt)');
  }
  const parsed = keyfileJsonSchema.safeParse(raw);
  if (!parsed.success) throw new CorruptKeyfileError(path, `unexpected fields: ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`);
  const json = parsed.data;

  // The public key the file records, from ss58Address, publicKey and accountId, which must agree.
  let recorded: Uint8Array | undefined;
  let recordedAs = '';
  if (json.ss58Address) {
    const fromAddress = publicKeyOfAddress(json.ss58Address);
    if (!fromAddress) throw new CorruptKeyfileError(path, 'ss58Address is not a valid SS58 address');
    recorded = fromAddress;
    recordedAs = json.ss58Address;
  }
  for (const field of ['publicKey', 'accountId'] as const) {
    const value = json[field];
    if (!value) continue;
    const key = hexField(path, field, value, 32);
    if (recorded && !u8aEq(recorded, key)) throw new AddressMismatchError(path, recordedAs, ss58Address(key), `its ${field}`);
    recorded ??= key;
    recordedAs ||= ss58Address(key);
  }

  let material: KeyMaterial;
  try {
    if (json.secretPhrase) {
      material = keyMaterialFromMnemonic(json.secretPhrase);
    } else if (json.secretSeed && isHex(json.secretSeed) && json.secretSeed.length === 66) {
      material = keyMaterialFromSeed(hexToU8a(json.secretSeed));
    } else if (json.privateKey) {
      if (!recorded) throw new CorruptKeyfileError(path, 'privateKey without a publicKey or ss58Address to check it against');
      const fromPrivate = keyMaterialFromPrivateKey(hexField(path, 'privateKey', json.privateKey, 64), recorded);
      if (!fromPrivate) throw new AddressMismatchError(path, recordedAs, 'a different key', 'the key of its privateKey');
      material = fromPrivate;
    } else if (json.secretSeed) {
      throw new CorruptKeyfileError(path, 'secretSeed is not 0x-prefixed hex of 32 bytes');
    } else if (recorded) {
      return { publicKey: recorded };
    } else {
      throw new CorruptKeyfileError(path, 'none of secretPhrase, secretSeed, privateKey, publicKey or ss58Address is present');
    }
  } catch (error) {
    if (error instanceof InvalidKeyError) throw new CorruptKeyfileError(path, error.message);
    throw error;
  }
  if (recorded && !u8aEq(recorded, material.publicKey)) throw new AddressMismatchError(path, recordedAs, ss58Address(material.publicKey));
  return material;
}
