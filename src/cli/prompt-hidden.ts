import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { KeyError } from '../chain';

export interface PromptIo {
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** Reads one line from a terminal without echoing it (on stderr, so stdout stays clean). */
export function promptHidden(question: string, io: PromptIo): Promise<string> {
  return new Promise((resolve, reject) => {
    let muted = false;
    const sink = new Writable({
      write(chunk, encoding, callback) {
        if (!muted) io.stderr.write(chunk, encoding);
        callback();
      },
    });
    const rl = createInterface({ input: io.stdin, output: sink, terminal: true });
    rl.on('SIGINT', () => {
      rl.close();
      io.stderr.write('\n');
      reject(new KeyError('cancelled'));
    });
    rl.question(question, (answer) => {
      rl.close();
      io.stderr.write('\n');
      resolve(answer.trim()); // btcli trims prompted passwords too
    });
    muted = true;
  });
}
