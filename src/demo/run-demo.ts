import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addStake,
  buildCall,
  burnedRegister,
  connectChain,
  keypairFromUri,
  loadMetagraph,
  readWeightsState,
  registerSubnet,
  serveAxon,
  setHyperparameter,
  startCall,
  taoToRao,
  weightsPath,
  type ChainClient,
  type WeightsPath,
} from '../chain';
import { startDevnet, type RunningDevnet } from '../chain/devnet';
import { silentLogger, type Logger } from '../logging';
import { preset, WorkloadRunner } from '../pog';
import { formatScores, readScores, type EvidenceLookup, type ScoresTable } from '../scores';
import { startDashboard, type DashboardServer, type DashboardSources } from '../dashboard';
import { startValidator } from '../validator';
import { behaviourWorkload, startDemoMiner, type DemoBehaviour } from './demo-miners';
import { describePath, incentiveOrdered, lastEpochBlock, orderLine, weightsLine } from './end-check';
import { WeightsTrace, type TimelockRevealSeen } from './weights-trace';

export interface DemoOptions {
  /** Everything the demo keeps: `chain/` (the devnet's blocks), `validator/` (its state), `demo.json`. */
  readonly dataDir: string;
  /** Delete the data directory first. */
  readonly reset?: boolean;
  /** Devnet JSON-RPC port (default 9944; 0: any free port). */
  readonly port?: number;
  /** Milliseconds between blocks (default 500). */
  readonly blockTimeMs?: number;
  /** Subnet tempo in blocks (default 10). */
  readonly tempo?: number;
  /**
   * Return once a table shows evidence and an incentive ordered honest > throttled > cheater
   * = 0 that came from weights the chain applied by the subnet's path (on commit-reveal v4: a
   * timelocked commit the chain revealed).
   */
  readonly untilScores?: boolean;
  /** Give up waiting for the first table (with `untilScores`: for that ordered table) after this long (default 240 s). */
  readonly scoresTimeoutMs?: number;
  /** Dashboard port when `src/dashboard` is there (default 0: any free port); null: no dashboard. */
  readonly dashboardPort?: number | null;
  /** Progress lines and tables. */
  readonly print: (text: string) => void;
  /** Aborting stops everything (Ctrl-C). */
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

export interface DemoResult {
  /** The last table printed (null when stopped before one). */
  readonly table: ScoresTable | null;
  readonly netuid: number;
  readonly endpoint: string;
  readonly uids: Readonly<Record<DemoMinerName, number>>;
  /** How the validator's weights go on chain on the demo's subnet (the default subnet: 'commit_timelocked'). */
  readonly weightsPath: WeightsPath | null;
  /** The timelocked commit whose reveal fed the last table's incentive (null without one). */
  readonly reveal: TimelockRevealSeen | null;
  /** Whether the last table's incentive is ordered honest > throttled > cheater = 0. */
  readonly ordered: boolean;
  /** Blocks in which the chain applied the validator's weights without a timelocked reveal. */
  readonly directWeightSets: readonly number[];
}

export type DemoMinerName = 'honest' | 'throttled' | 'cheater';

/** The three CPU miners: one honest, one at half speed, one faking a quarter of its rows. */
export const DEMO_MINERS: readonly (readonly [DemoMinerName, DemoBehaviour])[] = [
  ['honest', { kind: 'honest' }],
  ['throttled', { kind: 'throttled' }],
  ['cheater', { kind: 'cheater', fakeFraction: 0.25 }],
];

const OWNER_URI = '//Alice';
const VALIDATOR_URI = '//Alice//pog-validator';
const MINER_COLD_URI = '//Charlie';
const minerUri = (name: string) => `//Charlie//pog-${name}`;

interface DemoRecord {
  readonly netuid: number;
}

class Stopped extends Error {}

/**
 * The one-command demo: a devnet, a subnet with dev-friendly hyperparameters, three CPU
 * miners and a validator in this process, then the `pog scores` table read from the chain
 * every epoch. A second run on the same data directory reuses the chain and subnet.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.logger ?? silentLogger;
  const print = options.print;
  const signal = options.signal;
  const tempo = options.tempo ?? 10;
  const cleanups: (() => Promise<void>)[] = [];
  const check = () => {
    if (signal?.aborted) throw new Stopped('stopped');
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  let table: ScoresTable | null = null;
  let netuid = -1;
  let endpoint = '';
  let path: WeightsPath | null = null;
  let reveal: TimelockRevealSeen | null = null;
  let ordered = false;
  let traced: WeightsTrace | null = null;
  const uids = { honest: -1, throttled: -1, cheater: -1 } as Record<DemoMinerName, number>;
  try {
    if (options.reset && existsSync(options.dataDir)) {
      print(`» --reset: deleting ${options.dataDir}`);
      rmSync(options.dataDir, { recursive: true, force: true });
    }
    mkdirSync(options.dataDir, { recursive: true });
    const recordFile = join(options.dataDir, 'demo.json');
    const record = existsSync(recordFile) ? (JSON.parse(readFileSync(recordFile, 'utf8')) as DemoRecord) : null;

    print(`» starting the dev chain (data in ${join(options.dataDir, 'chain')})`);
    const devnet: RunningDevnet = await startDevnet({ port: options.port ?? 9944, dataDir: join(options.dataDir, 'chain'), blockTimeMs: options.blockTimeMs ?? 500, logger: log.child({ module: 'devnet' }) });
    cleanups.push(() => devnet.close());
    endpoint = devnet.url;
    print(`  chain at ${devnet.url}, block #${devnet.node.headNumber}`);
    const client: ChainClient = await connectChain({ endpoint: devnet.url, logger: log.child({ module: 'chain' }), retry: { attempts: 5, initialDelayMs: 100, maxDelayMs: 1000 } });
    cleanups.push(() => client.close());
    check();

    const owner = keypairFromUri(OWNER_URI);
    const validatorHot = keypairFromUri(VALIDATOR_URI);
    const minerCold = keypairFromUri(MINER_COLD_URI);

    // The subnet: reused when demo.json names one whose uid 0 is the demo validator.
    if (record) {
      const mg = await loadMetagraph(client, record.netuid).catch(() => null);
      if (mg && mg.hotkeys[0] === validatorHot.address) {
        netuid = record.netuid;
        print(`» reusing subnet ${netuid} (${mg.n} neurons); run with --reset to start over`);
      } else throw new Error(`${recordFile} names subnet ${record.netuid}, which the chain in ${options.dataDir} does not hold as the demo left it; run with --reset`);
    } else {
      print('» creating a subnet (owner //Alice, validator hotkey //Alice//pog-validator)');
      ({ netuid } = await registerSubnet(client, { signer: owner, hotkey: validatorHot.address }));
      writeFileSync(recordFile, `${JSON.stringify({ netuid } satisfies DemoRecord)}\n`);
      print(`  subnet ${netuid} created`);
      print(`» dev hyperparameters: admin freeze window 0, tempo ${tempo}, weights rate limit 0, serving rate limit 0; commit-reveal stays at the chain's default`);
      await setHyperparameter(client, { signer: owner, name: 'admin_freeze_window', value: 0 });
      await setHyperparameter(client, { signer: owner, netuid, name: 'tempo', value: tempo });
      await setHyperparameter(client, { signer: owner, netuid, name: 'weights_rate_limit', value: 0 });
      await setHyperparameter(client, { signer: owner, netuid, name: 'serving_rate_limit', value: 0 });
      await startCall(client, { signer: owner, netuid });
      print('» staking 100 TAO to the validator hotkey');
      await addStake(client, { signer: owner, hotkey: validatorHot.address, netuid, amount: taoToRao('100') });
      // The evidence remark pays a transaction fee from the hotkey's own balance.
      print('» sending 10 TAO to the validator hotkey for the evidence remark fees');
      await client.submit(buildCall(client.api, 'balances', 'transfer_keep_alive', { dest: validatorHot.address, value: taoToRao('10') }), owner);
    }
    check();

    // Three CPU miners, in this process, each on its own single-thread runner.
    const validatorStateDir = join(options.dataDir, 'validator');
    let mg = await loadMetagraph(client, netuid);
    for (const [i, [name, behaviour]] of DEMO_MINERS.entries()) {
      const hot = keypairFromUri(minerUri(name));
      if (!mg.hotkeys.includes(hot.address)) {
        print(`» registering the ${name} miner (${hot.address})`);
        await burnedRegister(client, { signer: minerCold, netuid, hotkey: hot.address });
      }
      const runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
      cleanups.push(() => runner.close());
      const miner = await startDemoMiner(hot, behaviourWorkload(runner, behaviour), [validatorHot.address], netuid);
      cleanups.push(() => miner.stop());
      // serve_axon refuses loopback, as subtensor does: announce a private address, connect to 127.0.0.1.
      await serveAxon(client, { signer: hot, netuid, ip: `10.0.0.${i + 1}`, port: miner.port });
      print(`  ${name} miner serving on 127.0.0.1:${miner.port} (announced 10.0.0.${i + 1}:${miner.port})${behaviour.kind === 'throttled' ? ' — half speed' : behaviour.kind === 'cheater' ? ' — fakes 1 row in 4' : ''}`);
      check();
    }
    mg = await loadMetagraph(client, netuid);
    for (const [name] of DEMO_MINERS) uids[name] = mg.hotkeys.indexOf(keypairFromUri(minerUri(name)).address);

    const weightsState = await readWeightsState(client, netuid, validatorHot.address);
    path = weightsPath(client.api, netuid, weightsState);
    print(`» weights: ${describePath(path, weightsState.commitRevealVersion, weightsState.revealPeriodEpochs)}`);
    const validatorUid = mg.hotkeys.indexOf(validatorHot.address);
    const trace = new WeightsTrace(client, netuid, validatorHot.address, validatorUid, weightsState.block + 1);
    traced = trace;
    print(`» starting the validator (ci preset, 2 s sustained measurement per miner, state in ${validatorStateDir})`);
    const validator = await startValidator({
      chain: client,
      netuid,
      hotkey: validatorHot,
      stateDir: validatorStateDir,
      params: preset('ci', { rows: 8192 }),
      device: 'cpu',
      concurrency: 8,
      windowMs: 20_000,
      challengeTimeoutMs: 10_000,
      auditTimeoutMs: 5_000,
      measureWindowMs: 2_000,
      minChallenges: 2,
      maxChallenges: 200,
      scoreAlpha: 0.5,
      reliabilityAlpha: 0.1,
      pollMs: 250,
      retryMs: 1_000,
      resolveAxonUrl: (axon) => `http://127.0.0.1:${axon.port}`,
      logger: log,
    });
    cleanups.push(() => validator.stop());

    const dashboard = await maybeStartDashboard(options.dashboardPort === undefined ? 0 : options.dashboardPort, { validatorStateDir, chain: client, netuid }, log);
    if (dashboard) cleanups.push(() => dashboard.close());

    print(`» waiting for the first round's evidence and the chain's epoch (tempo ${tempo} blocks of ${options.blockTimeMs ?? 500} ms)…`);
    const cache = new Map<string, EvidenceLookup>();
    const timeoutMs = options.scoresTimeoutMs ?? 240_000;
    const deadline = Date.now() + timeoutMs;
    let lastShown = '';
    let done = false;
    while (!done) {
      check();
      const t = await readScores(client, netuid, { cache }).catch((error: unknown) => {
        log.warn({ err: (error as Error).message }, 'reading the scores failed');
        return null;
      });
      if (t) {
        await trace.catchUp(t.block, weightsState.tempo, weightsState.revealPeriodEpochs).catch((error: unknown) => log.warn({ err: (error as Error).message }, 'reading the chain events failed'));
        const hasEvidence = t.validators.some((v) => v.evidence.status === 'ok');
        const hasIncentive = t.rows.some((r) => r.incentive > 0);
        const key = `${t.validators.map((v) => v.commitment?.digest).join()}|${t.rows.map((r) => r.incentive).join()}`;
        if (hasEvidence && hasIncentive && key !== lastShown) {
          lastShown = key;
          table = t;
          const epochBlock = lastEpochBlock(netuid, weightsState.tempo, t.block);
          reveal = path === 'commit_timelocked' ? trace.revealAtOrBefore(epochBlock) : null;
          ordered = incentiveOrdered(t, uids);
          print('');
          print(formatScores(t).trimEnd());
          print(weightsLine(path, reveal, epochBlock));
          if (trace.directSets.length > 0) print(`! the chain applied this validator's weights without a timelocked reveal in block(s) ${trace.directSets.map((b) => `#${b}`).join(', ')}`);
          print(orderLine(t, uids, ordered));
          if (dashboard) print(`\ndashboard: ${dashboard.url}`);
          const viaSubnetPath = path !== 'commit_timelocked' || (reveal !== null && trace.directSets.length === 0);
          if (options.untilScores && ordered && viaSubnetPath) done = true;
          else print(options.untilScores ? '\n(waiting for the next epoch)' : '\n(refreshing every epoch; Ctrl-C stops)');
        }
        if (!done && (options.untilScores || !table) && Date.now() > deadline) {
          throw new Error(
            table
              ? `incentive not ordered honest > throttled > cheater = 0 from weights the chain revealed within ${Math.round(timeoutMs / 1000)} s (last table at block #${table.block})`
              : `no scores on chain after ${Math.round(timeoutMs / 1000)} s`,
          );
        }
      }
      if (!done) await sleep(1000);
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
  } finally {
    print('» stopping');
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'cleanup failed');
      }
    }
  }
  return { table, netuid, endpoint, uids, weightsPath: path, reveal, ordered, directWeightSets: traced?.directSets ?? [] };
}

/** Starts the dashboard next to the demo; null when no port was asked for, or when it fails (the demo goes on without it). */
async function maybeStartDashboard(port: number | null, sources: DashboardSources, log: Logger): Promise<DashboardServer | null> {
  if (port === null) return null;
  try {
    return await startDashboard({ port, sources, logger: log });
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'the dashboard did not start');
    return null;
  }
}
