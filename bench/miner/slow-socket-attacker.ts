/**
 * `node dist/bench/miner/slow-socket-attacker.js PORT COUNT MODE`: slowSockets() in a process
 * of its own, so that the bench charges the miner only for what the attack costs the miner.
 * Sends 'ready' once the sockets are opening, { opened } when asked ('report'), and stops on 'stop'.
 */
import { slowSockets, type SlowMode } from './slow-sockets';

const [port, count, mode] = process.argv.slice(2);
const attack = slowSockets({ port: Number(port), count: Number(count), mode: mode as SlowMode, from: ['127.0.0.1'] });
process.send?.('ready');
process.on('message', (message) => {
  if (message === 'report') process.send?.({ opened: attack.opened() });
  if (message === 'stop') {
    attack.stop();
    process.disconnect();
  }
});
