/**
 * Keys the way Bittensor users have them: dev URIs, mnemonics, and btcli's wallet files
 * (`<path>/<wallet>/coldkey`, `coldkeypub.txt`, `hotkeys/<hotkey>`), with `--wallet.*` /
 * `BT_WALLET_*` options and `BT_PW_<path>` passwords. Nothing here logs or throws a secret.
 */
export {
  KeyError,
  KeyfileNotFoundError,
  KeyfileExistsError,
  WrongPasswordError,
  PasswordRequiredError,
  UnsupportedEncryptionError,
  CorruptKeyfileError,
  AddressMismatchError,
  InvalidKeyError,
} from './errors';
export {
  SS58_FORMAT,
  type MnemonicWords,
  type KeyMaterial,
  type PublicKeyInfo,
  ss58Address,
  publicKeyOfAddress,
  generateMnemonic,
  keyMaterialFromMnemonic,
  keyMaterialFromSeed,
  keyMaterialFromPrivateKey,
  privateKeyToSecretKey,
  secretKeyToPrivateKey,
  keyringPairFromMaterial,
  keypairFromUri,
  keypairFromMnemonic,
} from './keypair';
export { type KeyfileJson, keyfileJson, keyMaterialFromKeyfileJson } from './keyfile-data';
export {
  NACL_PREFIX,
  NACL_SALT_HEX,
  NACL_OPSLIMIT,
  NACL_MEMLIMIT,
  NACL_NONCE_BYTES,
  NACL_KEY_BYTES,
  ENCODING_NAMES,
  type KeyfileEncoding,
  keyfileEncoding,
  deriveNaclKey,
  sealNacl,
  openNacl,
  encryptKeyfileData,
  decryptKeyfileData,
} from './nacl';
export {
  passwordEnvVarName,
  passwordEnvVarCandidates,
  encodePasswordForEnv,
  decodePasswordFromEnv,
  obtainPassword,
  type PasswordRequest,
  type PasswordPrompt,
  type PasswordSources,
} from './password';
export {
  KEYFILE_MODE,
  WALLET_DIR_MODE,
  type ReadKeyfileOptions,
  type WriteKeyfileOptions,
  readKeyfile,
  readKeyfileBytes,
  keyfileEncodingAt,
  writeKeyfile,
} from './keyfile';
export {
  DEFAULT_WALLET_NAME,
  DEFAULT_WALLET_HOTKEY,
  DEFAULT_WALLET_PATH,
  walletOptionsSchema,
  type WalletOptions,
  type WalletLocation,
  type ResolveWalletOptionsParameters,
  walletEnvironment,
  expandTilde,
  resolveWalletOptions,
} from './wallet-options';
export {
  type WalletPaths,
  type LoadKeyOptions,
  type CreateWalletOptions,
  type CreatedKey,
  type CreatedWallet,
  type WalletSummary,
  type HotkeySummary,
  walletPaths,
  loadHotkey,
  loadColdkeypub,
  loadColdkey,
  createWallet,
  inspectWallet,
} from './wallet';
export { type KeySource, resolveKeypair } from './resolve-keypair';
export { verifySr25519 } from './verify-sr25519';
export { signSr25519 } from './sign-sr25519';
