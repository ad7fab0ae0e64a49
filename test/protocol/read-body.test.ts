import { Readable } from 'node:stream';
import { BodyAbortedError, BodyTooLargeError, readRequestBody } from '../../src/protocol';

describe('readRequestBody', () => {
  it('refuses a declared content-length over the bound without reading', async () => {
    const stream = Object.assign(Readable.from([Buffer.from('abc')]), { headers: { 'content-length': '5000' } });
    const promise = readRequestBody(stream, 100);
    await expect(promise).rejects.toBeInstanceOf(BodyTooLargeError);
    await expect(promise).rejects.toMatchObject({ status: 413, reason: 'body_too_large' });
  });

  it('refuses a stream that grows past the bound', async () => {
    await expect(readRequestBody(Readable.from([Buffer.alloc(60), Buffer.alloc(60)]), 100)).rejects.toMatchObject({ status: 413, reason: 'body_too_large' });
  });

  it('reads a body within the bound, string chunks included', async () => {
    const body = await readRequestBody(Readable.from([Buffer.from('ab'), 'c']), 3);
    expect(body).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(body).toString()).toBe('abc');
    expect((await readRequestBody(Readable.from([]), 0)).length).toBe(0);
  });

  it('passes on a stream error', async () => {
    const stream = new Readable({ read() { this.destroy(new Error('reset')); } });
    await expect(readRequestBody(stream, 10)).rejects.toThrow('reset');
  });

  it('refuses a body whose client went away (the stream says only "aborted")', async () => {
    const stream = new Readable({ read() {} });
    const promise = readRequestBody(stream, 10);
    stream.push(Buffer.from('ab'));
    stream.emit('aborted');
    await expect(promise).rejects.toBeInstanceOf(BodyAbortedError);
  });
});
