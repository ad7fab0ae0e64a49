import { Accounts } from '../../src/gateway/accounts/accounts';
import { CreditBook } from '../../src/gateway/credits/credit-book';
import { InvalidRequestError, WebhookSignatureError } from '../../src/gateway/errors';
import { depositAddressFor } from '../../src/gateway/payments/deposit-address';
import { FiatPayments, PAID_EVENT } from '../../src/gateway/payments/fiat-payments';
import { TaoDeposits } from '../../src/gateway/payments/tao-deposits';
import { signatureHeader } from '../../src/gateway/payments/webhook-signature';
import { silentLogger } from '../../src/logging';
import { dev, startChain, TAO, type Chain } from '../chain/client/helpers';
import { describeEachDatabase } from './support/databases';

const SECRET = 'whsec_test_0123456789';
const SEED = '//GatewayDepositsTest';

function checkout(id: string, accountId: string, amountTotal: number, currency = 'usd', type = PAID_EVENT): Buffer {
  return Buffer.from(JSON.stringify({ id, type, data: { object: { amount_total: amountTotal, currency, client_reference_id: accountId } } }));
}

describeEachDatabase('fiat webhook', (open) => {
  test('a signed event credits once at the recorded rate; replays, forgeries and stale or unknown events change nothing', async () => {
    const db = await open();
    const accounts = new Accounts(db, (id) => depositAddressFor(SEED, id));
    const book = new CreditBook(db);
    const fiat = new FiatPayments(db, book, { secret: SECRET, unitsPerMinor: { usd: 2_500_000n } }, silentLogger);
    const { account } = await accounts.create('card buyer');

    const body = checkout('evt_1', account.id, 1999);
    const first = await fiat.receive(body, signatureHeader(SECRET, body));
    expect(first).toEqual({ eventId: 'evt_1', outcome: 'credited', duplicate: false, credited: 1999n * 2_500_000n });
    // The same delivery again (a replay inside the tolerance, or the processor retrying).
    expect(await fiat.receive(body, signatureHeader(SECRET, body))).toMatchObject({ duplicate: true, outcome: 'credited' });
    expect((await accounts.get(account.id)).available).toBe(1999n * 2_500_000n);
    const rows = await db.all('SELECT units_per_minor, amount_minor, currency FROM fiat_events WHERE event_id = ?', ['evt_1']);
    expect(rows[0]).toMatchObject({ units_per_minor: 2_500_000n, amount_minor: 1999n, currency: 'usd' });

    const other = checkout('evt_2', account.id, 500);
    await expect(fiat.receive(other, signatureHeader('whsec_wrong', other))).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(fiat.receive(other, signatureHeader(SECRET, body))).rejects.toThrow(/no signature matches/);
    await expect(fiat.receive(other, signatureHeader(SECRET, other, Math.floor(Date.now() / 1000) - 3600))).rejects.toThrow(/tolerance/);
    await expect(fiat.receive(other, undefined)).rejects.toThrow(/no stripe-signature header/);
    await expect(fiat.receive(other, 't=abc,v1=zz')).rejects.toBeInstanceOf(WebhookSignatureError);
    const junk = Buffer.from('{"not":"an event"}');
    await expect(fiat.receive(junk, signatureHeader(SECRET, junk))).rejects.toBeInstanceOf(InvalidRequestError);

    const stranger = checkout('evt_3', 'acct_000000000000000000000000', 700);
    expect(await fiat.receive(stranger, signatureHeader(SECRET, stranger))).toMatchObject({ outcome: 'unknown_account', credited: 0n });
    const euro = checkout('evt_4', account.id, 700, 'eur');
    expect(await fiat.receive(euro, signatureHeader(SECRET, euro))).toMatchObject({ outcome: 'unsupported_currency', credited: 0n });
    const refund = checkout('evt_5', account.id, 700, 'usd', 'charge.refunded');
    expect(await fiat.receive(refund, signatureHeader(SECRET, refund))).toMatchObject({ outcome: 'ignored_type', credited: 0n });

    expect((await accounts.get(account.id)).available).toBe(1999n * 2_500_000n);
    expect(await book.audit(account.id)).toMatchObject({ deposits: 1999n * 2_500_000n, balanced: true });
  });
});

describeEachDatabase('TAO deposits on the devnet', (open) => {
  let chain: Chain;
  beforeAll(async () => {
    chain = await startChain();
  });
  afterAll(async () => {
    await chain?.close();
  });

  test('a finalized transfer to a deposit address is credited exactly once; one to an unknown address is ignored', async () => {
    const db = await open();
    const accounts = new Accounts(db, (id) => depositAddressFor(SEED, id));
    const book = new CreditBook(db);
    const { account } = await accounts.create('tao buyer');
    const start = (await chain.client.api.rpc.chain.getHeader()).number.toNumber() + 1;
    const scanner = new TaoDeposits(db, book, chain.client, silentLogger, { fromBlock: start });
    const send = (to: string, amount: bigint) => chain.client.submit(chain.client.api.tx.balances!.transferKeepAlive!(to, amount), chain.alice, { waitFor: 'finalized' });
    const paid = await send(account.depositAddress, 3n * TAO);
    await send(dev.bob().address, 1n * TAO);

    const report = await scanner.scan();
    expect(report.credited).toHaveLength(1);
    expect(report.credited[0]).toMatchObject({ accountId: account.id, amount: 3n * TAO, blockNumber: paid.blockNumber, extrinsicIndex: paid.txIndex });
    expect(report.ignored).toBeGreaterThanOrEqual(1);
    expect((await accounts.get(account.id)).available).toBe(3n * TAO);

    // Nothing new; then a rescan from the start (a lost cursor) must not credit twice.
    expect((await scanner.scan()).credited).toHaveLength(0);
    await db.run("UPDATE chain_cursors SET block_number = ? WHERE name = 'tao_deposits'", [BigInt(start - 1)]);
    expect((await scanner.scan()).credited).toHaveLength(0);
    expect((await accounts.get(account.id)).available).toBe(3n * TAO);
    expect(await book.audit(account.id)).toMatchObject({ deposits: 3n * TAO, balanced: true });
    expect(await db.all('SELECT * FROM tao_deposits')).toHaveLength(1);
  });
});
