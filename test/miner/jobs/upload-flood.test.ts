import { connect, type Socket } from 'node:net';
import { MAX_MODEL_BODIES_IN_FLIGHT } from '../../../src/miner';
import { WorkloadRunner } from '../../../src/pog';
import { RemoteError } from '../../../src/protocol';
import { call, sleep, validatorA } from '../helpers';
import { dense, modelUpload, startJobNode } from './helpers';

/**
 * A model body is buffered before its signature can be checked, so anyone could make the miner
 * hold up to 85 MiB per connection. Only MAX_MODEL_BODIES_IN_FLIGHT are received at once: an
 * attacker stalling that many uploads gets a validator's upload answered 503 busy (never more
 * memory taken), and the stalled ones are cut at the body deadline, after which uploads work.
 */
jest.setTimeout(30_000);

it('holds at most MAX_MODEL_BODIES_IN_FLIGHT model bodies at once; stalled ones are cut at the body deadline', async () => {
  const runner = await WorkloadRunner.start({ device: 'cpu', threads: 1 });
  const t = await startJobNode(runner, {}, { connections: { bodyMs: 800 } });
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < MAX_MODEL_BODIES_IN_FLIGHT; i++) {
      const socket = connect(t.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.resume();
      socket.write('POST /model HTTP/1.1\r\nHost: miner\r\nContent-Type: application/json\r\nContent-Length: 80000000\r\n\r\n{"version":1,');
      sockets.push(socket);
    }
    await sleep(200);
    const refused = await call(t, validatorA(), '/model', modelUpload(dense().bytes)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RemoteError);
    expect(refused).toMatchObject({ status: 503, reason: 'busy' });
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())))));
    const stored = await call(t, validatorA(), '/model', modelUpload(dense().bytes));
    expect(stored.body).toMatchObject({ modelHash: dense().hash, alreadyHeld: false });
  } finally {
    for (const s of sockets) s.destroy();
    await t.close();
    await runner.close();
  }
});
