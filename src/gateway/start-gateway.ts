import type { ChainClient } from '../chain/client';
import type { Logger } from '../logging';
import { Accounts } from './accounts/accounts';
import { CreditBook } from './credits/credit-book';
import type { Database } from './db/database';
import { openDatabase } from './db/open-database';
import { createGatewayHttp, listenGatewayHttp } from './http/server';
import { DEFAULT_PRICES, type PriceList } from './jobs/quote';
import { DEFAULT_MAX_MODEL_BYTES, ModelStore } from './models/model-store';
import { depositAddressFor } from './payments/deposit-address';
import { FiatPayments } from './payments/fiat-payments';
import { TaoDeposits } from './payments/tao-deposits';

export interface StartGatewayOptions {
  readonly dataDir: string;
  /** `postgres://…` for a shared server; absent: the embedded database in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  readonly host?: string;
  readonly port?: number;
  /** The secret URI deposit addresses are derived from (`<seed>//deposit//<account id>`). */
  readonly depositSeed: string;
  readonly adminToken?: string | null;
  /** The payment processor's webhook secret and rates; absent: no fiat route. */
  readonly fiat?: { readonly secret: string; readonly unitsPerMinor: Readonly<Record<string, bigint>> } | undefined;
  /** A chain to credit TAO deposits from; absent: no deposit scanning. */
  readonly chain?: ChainClient | undefined;
  readonly depositScanIntervalMs?: number;
  readonly prices?: PriceList;
  readonly maxModelBytes?: number;
  readonly version?: string;
  readonly logger: Logger;
}

export interface RunningGateway {
  readonly url: string;
  readonly db: Database;
  readonly accounts: Accounts;
  readonly book: CreditBook;
  readonly deposits: TaoDeposits | null;
  close(): Promise<void>;
}

/** Opens the database, starts the API and (with a chain) the deposit scanner. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const logger = options.logger.child({ component: 'gateway' });
  const db = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  const accounts = new Accounts(db, (id) => depositAddressFor(options.depositSeed, id));
  const book = new CreditBook(db);
  const maxModelBytes = options.maxModelBytes ?? DEFAULT_MAX_MODEL_BYTES;
  const models = new ModelStore(db, maxModelBytes);
  const fiat = options.fiat ? new FiatPayments(db, book, options.fiat, logger.child({ part: 'fiat' })) : null;
  const deposits = options.chain ? new TaoDeposits(db, book, options.chain, logger.child({ part: 'deposits' })) : null;
  const server = createGatewayHttp({ accounts, book, models, fiat, prices: options.prices ?? DEFAULT_PRICES, maxModelBytes, adminToken: options.adminToken ?? null, version: options.version ?? '0.1.0', logger });
  const http = await listenGatewayHttp(server, options.host ?? '127.0.0.1', options.port ?? 0).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });

  let timer: NodeJS.Timeout | null = null;
  let scanning: Promise<unknown> = Promise.resolve();
  let closed = false;
  const scanLoop = () => {
    if (closed || !deposits) return;
    scanning = deposits
      .scan()
      .catch((error: unknown) => logger.warn({ err: error }, 'deposit scan failed; retrying'))
      .finally(() => {
        if (!closed) timer = setTimeout(scanLoop, options.depositScanIntervalMs ?? 2_000);
      });
  };
  scanLoop();
  logger.info({ url: http.url, database: db.kind, deposits: Boolean(deposits), fiat: Boolean(fiat) }, 'gateway listening');
  return {
    url: http.url,
    db,
    accounts,
    book,
    deposits,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await scanning;
      await http.close();
      await db.close();
    },
  };
}
