import type { KeyringPair } from '@polkadot/keyring/types';
import {
  burnedRegister,
  connectChain,
  keypairFromUri,
  loadMetagraph,
  registerSubnet,
  setHyperparameter,
  startCall,
  type ChainClient,
} from '../../src/chain';
import { startDevnet, type RunningDevnet } from '../../src/chain/devnet';
import { NotRegisteredError, startMiner, type RunningMiner } from '../../src/miner';
import { chooseAuditRows, decodeOpening, hexToBytes, parseMessage, preset, verifyAudit } from '../../src/pog';
import { signedFetch } from '../../src/protocol';
import { memoryLogger, newChallenge, raw } from './helpers';

/**
 * The whole path on the embedded dev chain: a subnet, a registered miner started in-process,
 * its axon on chain, and a validator (the subnet owner's hotkey, which holds a validator
 * permit after the first epoch) that finds the axon in the metagraph and runs a signed
 * challenge → commitment → audit → verifyAudit round trip.
 */
describe('miner e2e on the dev chain', () => {
  let devnet: RunningDevnet;
  let client: ChainClient;
  let miner: RunningMiner;
  const sudoKey = keypairFromUri('//Alice');
  const owner = keypairFromUri('//Bob');
  const validatorHot = keypairFromUri('//Bob//pog-validator');
  const minerCold = keypairFromUri('//Charlie');
  const minerHot = keypairFromUri('//Charlie//pog-miner');
  const outsider = keypairFromUri('//Dave//pog-outsider');
  const { logger, lines } = memoryLogger('info');
  let netuid = -1;

  const remark = (n: number) => client.submit(client.api.tx.system!.remark!(`0x${n.toString(16).padStart(2, '0')}`), sudoKey);

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, instant: true });
    client = await connectChain({ endpoint: devnet.url, retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 } });
    ({ netuid } = await registerSubnet(client, { signer: owner, hotkey: validatorHot.address }));
    await setHyperparameter(client, { signer: sudoKey, name: 'admin_freeze_window', value: 0 });
    await setHyperparameter(client, { signer: sudoKey, netuid, name: 'tempo', value: 2 });
    await startCall(client, { signer: owner, netuid });
    await burnedRegister(client, { signer: minerCold, netuid, hotkey: minerHot.address });
    // Blocks until an epoch has handed out validator permits (the owner's hotkey always gets one).
    for (let i = 0; i < 12; i++) {
      const mg = await loadMetagraph(client, netuid);
      if (mg.validatorPermit[mg.hotkeys.indexOf(validatorHot.address)]) break;
      await remark(i);
    }
  }, 60_000);

  afterAll(async () => {
    await miner?.stop();
    await client?.close();
    await devnet?.close();
  });

  it('refuses to start with an unregistered hotkey, naming the command to run', async () => {
    const error = await startMiner({ hotkey: outsider, netuid, chain: client, device: 'cpu', port: 0, host: '127.0.0.1', logger, registerCommand: `pog register --netuid ${netuid} --wallet.name w --wallet.hotkey h` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotRegisteredError);
    expect((error as Error).message).toBe(`hotkey ${outsider.address} is not registered on subnet ${netuid}; register it first: pog register --netuid ${netuid} --wallet.name w --wallet.hotkey h`);
  });

  it('starts: checks registration, probes capacity, listens and serves its axon on chain', async () => {
    miner = await startMiner({
      hotkey: minerHot,
      netuid,
      chain: devnet.url,
      device: 'cpu',
      threads: 1,
      host: '127.0.0.1',
      port: 0,
      externalIp: '10.0.0.7',
      metagraphRefreshMs: 500,
      logger,
    });
    expect(miner.axon).toMatchObject({ ip: '10.0.0.7', port: miner.port, ipSource: 'configured', serve: { outcome: 'served' } });
    expect(miner.capacity.executionProviders.find((p) => p.name === 'cpu')).toMatchObject({ available: true });
    const mg = await loadMetagraph(client, netuid);
    expect(mg.axons[mg.hotkeys.indexOf(minerHot.address)]).toMatchObject({ ip: '10.0.0.7', port: miner.port, protocol: 4 });
    expect(lines.some((l) => typeof l.msg === 'string' && l.msg.startsWith('serving on cpu'))).toBe(true);
  });

  it('a validator with a permit finds the axon on chain and completes a signed round trip that verifies', async () => {
    const mg = await loadMetagraph(client, netuid);
    const uid = mg.hotkeys.indexOf(minerHot.address);
    const validatorUid = mg.hotkeys.indexOf(validatorHot.address);
    expect(mg.validatorPermit[validatorUid]).toBe(true);
    const axon = mg.axons[uid]!;
    // The announced 10.0.0.7 is not routable in a test: connect to loopback on the announced port.
    const url = `http://127.0.0.1:${axon.port}`;
    const ask = (signer: KeyringPair, path: string, json?: unknown) =>
      signedFetch({ url, path, json, signer, receiver: mg.hotkeys[uid]!, timeoutMs: 30_000, maxResponseBytes: 16 * 2 ** 20 });

    const params = preset('ci');
    const challenge = newChallenge(params);
    const committed = await ask(validatorHot, '/challenge', challenge);
    expect(committed.signer).toBe(minerHot.address);
    const commitment = parseMessage('commitment', JSON.stringify(committed.body));
    const rows = chooseAuditRows(params.rows, params.auditRows);
    const audited = await ask(validatorHot, '/audit', { version: 1, challengeId: challenge.challengeId, rows });
    const response = parseMessage('auditResponse', JSON.stringify(audited.body));
    const verification = await verifyAudit({
      challengeId: hexToBytes(challenge.challengeId, 32),
      seed: hexToBytes(challenge.seed, 32),
      params,
      root: hexToBytes(commitment.root, 32),
      auditRows: rows,
      openings: response.openings.map(decodeOpening),
    });
    expect(verification).toMatchObject({ passed: true });

    const capacity = await ask(validatorHot, '/capacity');
    expect(capacity.body).toMatchObject({ hotkey: minerHot.address, netuid });

    // a registered hotkey without a permit (the miner's coldkey's other hotkeys, anyone) is refused
    await expect(ask(outsider, '/capacity')).rejects.toMatchObject({ status: 403, reason: 'not_allowed' });
    const metrics = (await raw(miner.port, { path: '/metrics' })).text;
    expect(metrics).toMatch(/^pog_miner_challenges_total\{outcome="served"\} 1$/m);
    expect(metrics).toMatch(/^pog_miner_metagraph_refreshes_total\{outcome="ok"\} [1-9]/m);
  });

  it('a runner whose worker thread dies is replaced: one challenge gets 503 runner_unavailable, the next is served', async () => {
    const validatorUrl = `http://127.0.0.1:${miner.port}`;
    const ask = (json: unknown) => signedFetch({ url: validatorUrl, path: '/challenge', json, signer: validatorHot, receiver: minerHot.address, timeoutMs: 30_000, maxResponseBytes: 2 ** 20 });
    const dead = miner.runner;
    await (dead as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(ask(newChallenge(preset('ci')))).rejects.toMatchObject({ status: 503, reason: 'runner_unavailable' });
    const served = await ask(newChallenge(preset('ci')));
    expect(served.status).toBe(200);
    expect(miner.runner).not.toBe(dead);
  });

  it('stops gracefully: the port closes and the runner ends', async () => {
    await miner.stop();
    await expect(raw(miner.port, { path: '/health' })).rejects.toThrow();
    await expect(miner.runner.runWorkload(new Uint8Array(32), preset('ci'))).rejects.toThrow(/closed/);
  });
});
