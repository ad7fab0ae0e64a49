import type { KeyringPair } from '@polkadot/keyring/types';
import type { ChainClient } from '../chain/client';
import type { Logger } from '../logging';
import { Accounts } from './accounts/accounts';
import { CreditBook } from './credits/credit-book';
import type { Database } from './db/database';
import { openDatabase } from './db/open-database';
import { Dispatcher, type DispatcherOptions } from './dispatch/dispatcher';
import type { ExecuteJob } from './dispatch/execute-job';
import type { MinerDirectory } from './dispatch/miner-directory';
import { createGatewayHttp, listenGatewayHttp } from './http/server';
import { JobResults } from './jobs/job-results';
import { Jobs } from './jobs/jobs';
import { DEFAULT_PRICES, type PriceList } from './jobs/quote';
import { DEFAULT_MAX_MODEL_BYTES, ModelStore } from './models/model-store';
import { depositAddressFor } from './payments/deposit-address';
import { FiatPayments } from './payments/fiat-payments';
import { TaoDeposits } from './payments/tao-deposits';
import { MinerOutcomes } from './scheduling/miner-outcomes';
import { Bonds } from './settlement/bonds';
import { RevenueOutbox } from './settlement/revenue-outbox';

/** The job pipeline's parts: how to reach miners, who they are, and the key that signs receipts. */
export interface GatewayDispatch {
  readonly execute: ExecuteJob;
  readonly directory: MinerDirectory;
  /** The gateway's (validator's) hotkey: signs buyer receipts. */
  readonly signer: KeyringPair;
  /** This gateway's name in job leases (default: `gateway-<hotkey>`); keep it across restarts. */
  readonly owner?: string;
  readonly options?: Partial<Omit<DispatcherOptions, 'db' | 'jobs' | 'models' | 'outcomes' | 'revenue' | 'bonds' | 'execute' | 'directory' | 'signer' | 'owner' | 'logger'>>;
}

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
  /** Absent: jobs are accepted and wait in the queue (no miners to run them). */
  readonly dispatch?: GatewayDispatch | undefined;
  /** The buyback ledger's directory: settled revenue is exported there; absent: it waits in the database's outbox. */
  readonly ledgerDir?: string | undefined;
  readonly revenueExportIntervalMs?: number;
  /** BondModulation in millionths of the job price (seed 004); 0 (default): no bonds. */
  readonly bondModulationPpm?: bigint;
  readonly version?: string;
  readonly logger: Logger;
}

export interface RunningGateway {
  readonly url: string;
  readonly db: Database;
  readonly accounts: Accounts;
  readonly book: CreditBook;
  readonly jobs: Jobs;
  readonly revenue: RevenueOutbox;
  readonly bonds: Bonds;
  readonly deposits: TaoDeposits | null;
  readonly dispatcher: Dispatcher | null;
  close(): Promise<void>;
}

/** A loop that runs `step` every `intervalMs` until stopped, logging (not throwing) its failures. */
function every(intervalMs: number, step: () => Promise<unknown>, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let closed = false;
  const loop = () => {
    if (closed) return;
    running = step()
      .catch(onError)
      .finally(() => {
        if (!closed) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();
  return {
    stop: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** Opens the database, starts the API, the dispatcher (with `dispatch`), the deposit scanner (with a chain) and the revenue export (with a ledger). */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const logger = options.logger.child({ component: 'gateway' });
  const db = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  const accounts = new Accounts(db, (id) => depositAddressFor(options.depositSeed, id));
  const book = new CreditBook(db);
  const maxModelBytes = options.maxModelBytes ?? DEFAULT_MAX_MODEL_BYTES;
  const models = new ModelStore(db, maxModelBytes);
  const prices = options.prices ?? DEFAULT_PRICES;
  const jobs = new Jobs(db, book, models, prices);
  const revenue = new RevenueOutbox(db);
  const bonds = new Bonds(db, revenue, options.bondModulationPpm ?? 0n);
  const outcomes = new MinerOutcomes(db);
  const fiat = options.fiat ? new FiatPayments(db, book, options.fiat, logger.child({ part: 'fiat' })) : null;
  const deposits = options.chain ? new TaoDeposits(db, book, options.chain, logger.child({ part: 'deposits' })) : null;
  const d = options.dispatch;
  const dispatcher = d
    ? new Dispatcher({ ...d.options, db, jobs, models, outcomes, revenue, bonds, execute: d.execute, directory: d.directory, signer: d.signer, owner: d.owner ?? `gateway-${d.signer.address}`, logger: logger.child({ part: 'dispatch' }) })
    : null;
  const server = createGatewayHttp({
    accounts,
    book,
    models,
    fiat,
    prices,
    jobs,
    results: new JobResults(db, jobs),
    bonds,
    onJobSubmitted: () => dispatcher?.poke(),
    maxModelBytes,
    adminToken: options.adminToken ?? null,
    version: options.version ?? '0.1.0',
    logger,
  });
  const http = await listenGatewayHttp(server, options.host ?? '127.0.0.1', options.port ?? 0).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  try {
    await dispatcher?.start();
  } catch (error) {
    await http.close();
    await db.close();
    throw error;
  }
  const scanner = deposits ? every(options.depositScanIntervalMs ?? 2_000, () => deposits.scan(), (error) => logger.warn({ err: error }, 'deposit scan failed; retrying')) : null;
  const ledgerDir = options.ledgerDir;
  const exporter = ledgerDir
    ? every(
        options.revenueExportIntervalMs ?? 5_000,
        async () => {
          const report = await revenue.exportTo(ledgerDir);
          if (report.added > 0) logger.info({ ...report, ledgerDir }, 'job revenue exported to the buyback ledger');
        },
        (error) => logger.warn({ err: error }, 'revenue export failed; retrying'),
      )
    : null;
  logger.info({ url: http.url, database: db.kind, deposits: Boolean(deposits), fiat: Boolean(fiat), dispatch: Boolean(dispatcher), ledger: ledgerDir ?? null }, 'gateway listening');
  return {
    url: http.url,
    db,
    accounts,
    book,
    jobs,
    revenue,
    bonds,
    deposits,
    dispatcher,
    close: async () => {
      await scanner?.stop();
      await exporter?.stop();
      await dispatcher?.stop();
      await http.close();
      await db.close();
    },
  };
}
