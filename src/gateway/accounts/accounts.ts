import { ForbiddenScopeError, InvalidRequestError, NotFoundError, UnauthorizedError } from '../errors';
import { big, one, type Database, type Queryable } from '../db/database';
import { newId, nowMs } from '../ids';
import { generateApiKey, parseApiKey, secretMatches, SCOPES, type Scope } from './api-keys';

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly depositAddress: string;
  /** Credit units free to spend (1 unit = 1 rao of TAO value). */
  readonly available: bigint;
  /** Credit units held for jobs not yet settled. */
  readonly held: bigint;
}

export interface ApiKeyInfo {
  readonly id: string;
  readonly scopes: Scope[];
  readonly label: string;
  readonly createdMs: bigint;
  readonly revokedMs: bigint | null;
}

/** Who a request is from, once its key checked out. */
export interface Principal {
  readonly accountId: string;
  readonly keyId: string;
  readonly scopes: readonly Scope[];
}

function checkScopes(scopes: readonly string[]): Scope[] {
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0 || scopes.length === 0) throw new InvalidRequestError(`scopes must be a non-empty subset of ${SCOPES.join(', ')}`, { unknown });
  return [...new Set(scopes)].sort() as Scope[];
}

function rowToAccount(r: Record<string, unknown>): Account {
  return { id: String(r.id), name: String(r.name), depositAddress: String(r.deposit_address), available: big(r.available), held: big(r.held) };
}

/**
 * Buyer accounts and their API keys. A key is `pog_<id>_<secret>`; only SHA-256 of the secret
 * is stored, compared in constant time. Keys are scoped and revocable; a revoked key fails
 * exactly like an unknown one.
 */
export class Accounts {
  constructor(
    private readonly db: Database,
    /** The deposit address the gateway controls for an account id (see payments/deposit-address). */
    private readonly depositAddressOf: (accountId: string) => string,
  ) {}

  /** A new account with a first key holding `scopes`; the token is returned once. */
  async create(name: string, scopes: readonly string[] = SCOPES): Promise<{ account: Account; token: string; keyId: string }> {
    if (!/^[\p{L}\p{N} ._@-]{1,64}$/u.test(name)) throw new InvalidRequestError('an account name is 1–64 letters, digits, spaces or . _ @ -');
    const checked = checkScopes(scopes);
    const id = newId('acct');
    const depositAddress = this.depositAddressOf(id);
    const key = generateApiKey();
    await this.db.transaction(async (tx) => {
      await tx.run('INSERT INTO accounts (id, name, deposit_address, available, held, created_ms) VALUES (?, ?, ?, 0, 0, ?)', [id, name, depositAddress, nowMs()]);
      await insertKey(tx, id, key.id, key.secretHash, checked, 'first key');
    });
    return { account: { id, name, depositAddress, available: 0n, held: 0n }, token: key.token, keyId: key.id };
  }

  async get(accountId: string, q: Queryable = this.db): Promise<Account> {
    const row = await one(q, 'SELECT * FROM accounts WHERE id = ?', [accountId]);
    if (!row) throw new NotFoundError('account', accountId);
    return rowToAccount(row);
  }

  async byDepositAddress(address: string, q: Queryable = this.db): Promise<Account | null> {
    const row = await one(q, 'SELECT * FROM accounts WHERE deposit_address = ?', [address]);
    return row ? rowToAccount(row) : null;
  }

  async createKey(accountId: string, scopes: readonly string[], label = ''): Promise<{ keyId: string; token: string; scopes: Scope[] }> {
    if (label.length > 64) throw new InvalidRequestError('a key label is at most 64 characters');
    const checked = checkScopes(scopes);
    const key = generateApiKey();
    await this.get(accountId);
    await insertKey(this.db, accountId, key.id, key.secretHash, checked, label);
    return { keyId: key.id, token: key.token, scopes: checked };
  }

  async listKeys(accountId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.db.all('SELECT * FROM api_keys WHERE account_id = ? ORDER BY created_ms, id', [accountId]);
    return rows.map((r) => ({
      id: String(r.id),
      scopes: String(r.scopes).split(',') as Scope[],
      label: String(r.label),
      createdMs: big(r.created_ms),
      revokedMs: r.revoked_ms === null ? null : big(r.revoked_ms),
    }));
  }

  /** Revokes one of the account's keys (a key of another account is "not found"). Idempotent. */
  async revokeKey(accountId: string, keyId: string): Promise<void> {
    const row = await one(this.db, 'SELECT id FROM api_keys WHERE id = ? AND account_id = ?', [keyId, accountId]);
    if (!row) throw new NotFoundError('API key', keyId);
    await this.db.run('UPDATE api_keys SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL', [nowMs(), keyId]);
  }

  /** The principal behind `token` if it is live and holds `scope`; else Unauthorized / ForbiddenScope. */
  async authenticate(token: string | undefined, scope: Scope): Promise<Principal> {
    const parsed = token ? parseApiKey(token) : null;
    if (!parsed) throw new UnauthorizedError();
    const row = await one(this.db, 'SELECT account_id, secret_hash, scopes, revoked_ms FROM api_keys WHERE id = ?', [parsed.id]);
    // Hash and compare even for an unknown id, so timing does not tell which ids exist.
    const matches = secretMatches(parsed.secret, row ? String(row.secret_hash) : '0'.repeat(64));
    if (!row || !matches || row.revoked_ms !== null) throw new UnauthorizedError();
    const scopes = String(row.scopes).split(',') as Scope[];
    if (!scopes.includes(scope)) throw new ForbiddenScopeError(scope);
    return { accountId: String(row.account_id), keyId: parsed.id, scopes };
  }
}

async function insertKey(q: Queryable, accountId: string, keyId: string, secretHash: string, scopes: readonly Scope[], label: string): Promise<void> {
  await q.run('INSERT INTO api_keys (id, account_id, secret_hash, scopes, label, created_ms) VALUES (?, ?, ?, ?, ?, ?)', [keyId, accountId, secretHash, scopes.join(','), label, nowMs()]);
}
