import { get } from 'node:http';
import { startDashboard, type DashboardServer, type DashboardSnapshot } from '../../src/dashboard';
import { HOTKEYS, result, tempDir, writeLedger, writeRound } from './fixtures';

/** Reads SSE `snapshot` events from /api/stream until `until` accepts one. */
function streamUntil(url: string, until: (s: DashboardSnapshot, n: number) => boolean, timeoutMs = 10_000): Promise<DashboardSnapshot[]> {
  return new Promise((resolve, reject) => {
    const seen: DashboardSnapshot[] = [];
    const req = get(`${url}api/stream`, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split('\n').find((l) => l.startsWith('data: '));
          if (!event.includes('event: snapshot') || !data) continue;
          const s = JSON.parse(data.slice(6)) as DashboardSnapshot;
          seen.push(s);
          if (until(s, seen.length)) {
            clearTimeout(timer);
            req.destroy();
            resolve(seen);
          }
        }
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no matching snapshot in ${timeoutMs} ms (saw ${seen.length})`));
    }, timeoutMs);
    req.on('error', (e) => {
      if (!req.destroyed) reject(e);
    });
  });
}

describe('dashboard HTTP', () => {
  let server: DashboardServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves the page, the snapshot and health on 127.0.0.1', async () => {
    const stateDir = tempDir('http');
    const ledgerDir = tempDir('http-ledger');
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.04), result(2, HOTKEYS[1], 150)]);
    writeLedger(ledgerDir);
    server = await startDashboard({ port: 0, sources: { validatorStateDir: stateDir, ledgerDir }, refreshMs: 100 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const snap = (await (await fetch(`${server.url}api/snapshot`)).json()) as DashboardSnapshot;
    expect(snap.miners.map((m) => m.uid)).toEqual([1, 2]);
    expect(snap.books!.series).toHaveLength(4);

    const page = await fetch(server.url);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<tr data-uid="2">');
    expect(html).toContain('data-series="uid-1"');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i); // no external assets

    const health = (await (await fetch(`${server.url}health`)).json()) as { ok: boolean; version: string };
    expect(health).toMatchObject({ ok: true, version: snap.version });
    expect((await fetch(`${server.url}nope`)).status).toBe(404);
    expect((await fetch(`${server.url}api/snapshot`, { method: 'POST' })).status).toBe(405);
  });

  it('pushes a new snapshot over SSE when a new evidence file appears', async () => {
    const stateDir = tempDir('sse');
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.04)]);
    server = await startDashboard({ port: 0, sources: { validatorStateDir: stateDir }, refreshMs: 100 });
    const events = streamUntil(server.url, (s) => s.throughput.rounds.length === 2);
    await new Promise((r) => setTimeout(r, 300));
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.07), result(2, HOTKEYS[1], 150)]);
    const seen = await events;
    expect(seen[0]!.throughput.rounds).toEqual([1]);
    const last = seen[seen.length - 1]!;
    expect(last.miners.map((m) => [m.uid, m.tflops])).toEqual([
      [1, 0.07],
      [2, 150],
    ]);
  });

  it('bounds the number of stream clients: a newcomer is served and the oldest stream ends', async () => {
    server = await startDashboard({ port: 0, sources: { validatorStateDir: tempDir('bound') }, refreshMs: 1000, maxStreamClients: 1 });
    const first = await new Promise<import('node:http').IncomingMessage>((resolve) => get(`${server!.url}api/stream`, resolve));
    expect(first.statusCode).toBe(200);
    first.resume();
    const firstEnded = new Promise<void>((resolve) => first.once('end', resolve));
    const second = await new Promise<import('node:http').IncomingMessage>((resolve) => get(`${server!.url}api/stream`, resolve));
    expect(second.statusCode).toBe(200);
    await firstEnded;
    const health = (await (await fetch(`${server.url}health`)).json()) as { streamClients: number };
    expect(health.streamClients).toBe(1);
    second.destroy();
  });

  it('sends the page with a fresh CSP nonce on its script and style, and no unsafe-inline', async () => {
    server = await startDashboard({ port: 0, sources: { validatorStateDir: tempDir('csp') }, refreshMs: 1000 });
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const page = await fetch(server.url);
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).not.toContain('unsafe-inline');
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)![1]!;
      expect(csp).toContain(`style-src 'nonce-${nonce}'`);
      const html = await page.text();
      expect(html).toContain(`<script nonce="${nonce}">`);
      expect(html).toContain(`<style nonce="${nonce}">`);
      expect(html.match(/<script/g)).toHaveLength(1);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(Buffer.from(nonces[0]!, 'base64')).toHaveLength(16);
  });

  it('escapes hostile hotkey, reason and class strings', async () => {
    const stateDir = tempDir('xss');
    const evil = '<img src=x onerror="alert(1)">';
    writeRound(stateDir, [result(4, evil, 0, { outcome: 'failed', code: 'row-mismatch', reason: '</td><script>alert(2)</script>', class: '<b>x</b>' as never })]);
    server = await startDashboard({ port: 0, sources: { validatorStateDir: stateDir }, refreshMs: 1000 });
    const html = await (await fetch(server.url)).text();
    expect(html).not.toContain(evil);
    expect(html).not.toContain('<script>alert(2)');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    const snap = server.snapshot();
    expect(snap.miners[0]!.hotkey).toBe(evil); // JSON carries the raw text; the page sets it with textContent
    expect(snap.throughput.svg).not.toContain('<img');
  });
});
