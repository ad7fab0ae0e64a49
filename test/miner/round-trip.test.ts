import { chooseAuditRows, decodeOpening, hexToBytes, ortReferencePair, parseMessage, preset, verifyAudit, WorkloadRunner } from '../../src/pog';
import { call, newChallenge, startNode, validatorA, validatorB, type TestNode } from './helpers';

// The real runner on the CPU: the miner computes the project's own workload graph.
let runner: WorkloadRunner;
let t: TestNode;
beforeAll(async () => {
  runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
  t = await startNode({ runWorkload: (seed, params) => runner.runWorkload(seed, params) });
});
afterAll(async () => {
  await t.close();
  await runner.close();
});

describe('a signed PoG round trip over HTTP', () => {
  it('challenge → signed commitment → audit → openings that verifyAudit passes', async () => {
    const params = preset('ci');
    const challenge = newChallenge(params);
    const validator = validatorA();
    const committed = await call(t, validator, '/challenge', challenge);
    expect(committed.status).toBe(200);
    expect(committed.signer).toBe(t.hotkey.address);
    const commitment = parseMessage('commitment', JSON.stringify(committed.body));
    expect(commitment.challengeId).toBe(challenge.challengeId);
    expect(commitment.leafCount).toBe(params.rows / params.rowsPerLeaf);
    expect(commitment.minerTimings?.runMs).toBeGreaterThan(0);

    const rows = chooseAuditRows(params.rows, params.auditRows);
    const audited = await call(t, validator, '/audit', { version: 1, challengeId: challenge.challengeId, rows });
    const response = parseMessage('auditResponse', JSON.stringify(audited.body));
    const verification = await verifyAudit(
      {
        challengeId: hexToBytes(challenge.challengeId, 32),
        seed: hexToBytes(challenge.seed, 32),
        params,
        root: hexToBytes(commitment.root, 32),
        auditRows: rows,
        openings: response.openings.map(decodeOpening),
      },
      ortReferencePair(runner),
    );
    expect(verification).toMatchObject({ passed: true });
  });

  it('only the validator that sent a challenge can audit it', async () => {
    const challenge = newChallenge(preset('ci'));
    await call(t, validatorA(), '/challenge', challenge);
    const other = await call(t, validatorB(), '/audit', { version: 1, challengeId: challenge.challengeId, rows: [0, 1] }).catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 404, reason: 'unknown_challenge' });
    const outOfRange = await call(t, validatorA(), '/audit', { version: 1, challengeId: challenge.challengeId, rows: [1024] }).catch((e: unknown) => e);
    expect(outOfRange).toMatchObject({ status: 400, reason: 'row_out_of_range' });
  });

  it('answers a signed ping and a signed capacity statement', async () => {
    const ping = await call(t, validatorA(), '/ping', {});
    expect(ping.body).toMatchObject({ pong: true });
    const capacity = await call(t, validatorB(), '/capacity');
    expect(capacity.signer).toBe(t.hotkey.address);
    expect(capacity.body).toMatchObject({ kind: 'pog-capacity-statement', hotkey: t.hotkey.address, netuid: 1, capacity: { device: { kind: 'cpu' } } });
  });

  it('a validator that disconnects mid-run (real runner): the run completes, is discarded, and the next challenge is served', async () => {
    const controller = new AbortController();
    const running = call(t, validatorA(), '/challenge', newChallenge(preset('demo', { depth: 16 })), { signal: controller.signal }).catch((e: unknown) => e);
    const deadline = Date.now() + 5000;
    while (!t.node.queue.busy && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(t.node.queue.busy).toBe(true);
    controller.abort();
    expect(await running).toMatchObject({ reason: 'aborted' });
    const next = await call(t, validatorB(), '/challenge', newChallenge(preset('ci')));
    expect(next.status).toBe(200);
    expect(await t.node.metrics.challenges.get({ outcome: 'aborted' })).toBe(1);
    expect(t.node.queue.busy).toBe(false);
  });
});

