import { Accounts } from '../../src/gateway/accounts/accounts';
import { CreditBook } from '../../src/gateway/credits/credit-book';
import { migrate, SCHEMA_VERSION } from '../../src/gateway/db/migrations';
import { DatabaseError, ForbiddenScopeError, InsufficientCreditError, UnauthorizedError } from '../../src/gateway/errors';
import { describeEachDatabase } from './support/databases';

const addressOf = (id: string) => `addr-${id}`;

describeEachDatabase('gateway database, accounts and credits', (open) => {
  test('migrations are idempotent and a newer schema is refused', async () => {
    const db = await open();
    expect(await migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    await db.run('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)', [BigInt(SCHEMA_VERSION + 1), 'future', 0n]);
    await expect(migrate(db)).rejects.toBeInstanceOf(DatabaseError);
  });

  test('a transaction that throws leaves nothing behind', async () => {
    const db = await open();
    await expect(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO accounts (id, name, deposit_address, created_ms) VALUES ('a1', 'x', 'd1', 0)");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.all('SELECT * FROM accounts')).toEqual([]);
  });

  test('API keys: hashed at rest, scoped, revocable; a wrong or revoked key is refused', async () => {
    const db = await open();
    const accounts = new Accounts(db, addressOf);
    const { account, token, keyId } = await accounts.create('buyer one');
    const stored = await db.all('SELECT secret_hash FROM api_keys WHERE id = ?', [keyId]);
    expect(String(stored[0]!.secret_hash)).toMatch(/^[0-9a-f]{64}$/);
    expect(token).not.toContain(String(stored[0]!.secret_hash));
    expect((await accounts.authenticate(token, 'jobs:write')).accountId).toBe(account.id);

    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    await expect(accounts.authenticate(tampered, 'jobs:write')).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(accounts.authenticate('pog_0000000000000000_' + 'x'.repeat(43), 'jobs:write')).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(accounts.authenticate('Bearer nonsense', 'jobs:write')).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(accounts.authenticate(undefined, 'jobs:write')).rejects.toBeInstanceOf(UnauthorizedError);

    const reader = await accounts.createKey(account.id, ['jobs:read'], 'dashboard');
    await expect(accounts.authenticate(reader.token, 'jobs:write')).rejects.toBeInstanceOf(ForbiddenScopeError);
    expect((await accounts.authenticate(reader.token, 'jobs:read')).keyId).toBe(reader.keyId);
    await accounts.revokeKey(account.id, reader.keyId);
    await expect(accounts.authenticate(reader.token, 'jobs:read')).rejects.toBeInstanceOf(UnauthorizedError);
    const other = await accounts.create('buyer two');
    await expect(accounts.revokeKey(other.account.id, keyId)).rejects.toThrow(/does not exist/);
    expect((await accounts.authenticate(token, 'jobs:read')).accountId).toBe(account.id);
  });

  test('hold, charge, release: each once, insufficient credit changes nothing, balances audit', async () => {
    const db = await open();
    const accounts = new Accounts(db, addressOf);
    const book = new CreditBook(db);
    const { account } = await accounts.create('buyer');
    await db.transaction((tx) => book.credit(tx, account.id, 'deposit_tao', 1_000n, 'tao:1:1:0'));
    expect(await db.transaction((tx) => book.credit(tx, account.id, 'deposit_tao', 1_000n, 'tao:1:1:0'))).toBe(false);

    await expect(book.hold(account.id, 'job-big', 1_001n)).rejects.toBeInstanceOf(InsufficientCreditError);
    expect(await book.getHold('job-big')).toBeNull();
    expect(await accounts.get(account.id)).toMatchObject({ available: 1_000n, held: 0n });

    await book.hold(account.id, 'job-1', 300n);
    await book.hold(account.id, 'job-1', 300n); // a retried submission holds nothing more
    await book.hold(account.id, 'job-2', 200n);
    expect(await accounts.get(account.id)).toMatchObject({ available: 500n, held: 500n });
    expect((await book.charge('job-1')).state).toBe('charged');
    expect((await book.release('job-1', 'late')).state).toBe('charged'); // settled once, first wins
    expect((await book.release('job-2', 'failed verification')).state).toBe('released');
    expect((await book.charge('job-2')).state).toBe('released');
    expect(await accounts.get(account.id)).toMatchObject({ available: 700n, held: 0n });
    expect(await book.audit(account.id)).toEqual({ deposits: 1_000n, available: 700n, held: 0n, charged: 300n, balanced: true });
    await expect(book.hold(account.id, 'neg', -5n)).rejects.toThrow(/whole number/);
  });

  test('concurrent holds never overdraw', async () => {
    const db = await open();
    const accounts = new Accounts(db, addressOf);
    const book = new CreditBook(db);
    const { account } = await accounts.create('racer');
    await db.transaction((tx) => book.credit(tx, account.id, 'deposit_fiat', 1_000n, 'fiat:evt_1'));
    const results = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => book.hold(account.id, `j${i}`, 100n)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(InsufficientCreditError);
    expect(await accounts.get(account.id)).toMatchObject({ available: 0n, held: 1_000n });
    expect((await book.audit(account.id)).balanced).toBe(true);
  });
});
