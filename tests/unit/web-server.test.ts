// Browser mode's HTTP host on a real port (127.0.0.1, any free port) over a real temp library.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import { startWebServer, type WebServer } from '../../src-main/web/server';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let root: string;
let lib: Library;
let server: WebServer;

function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

function api(channel: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', 'X-Gloss-Token': server.token, ...headers },
    body: JSON.stringify(input),
  });
}

/** A live event stream: every event seen so far, and a way to wait for the next one of a name. */
function openEvents(path: string) {
  const seen: { name: string; data: unknown }[] = [];
  const waiters: { name: string; resolve: (data: unknown) => void }[] = [];
  let buffer = '';
  let resolveConnected!: () => void;
  const connected = new Promise<void>((r) => (resolveConnected = r));
  const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
    expect(res.headers['content-type']).toContain('text/event-stream');
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      resolveConnected();
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (!name || data === undefined) continue;
        const event = { name, data: JSON.parse(data) as unknown };
        seen.push(event);
        for (const w of waiters.filter((w) => w.name === name)) w.resolve(event.data);
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return {
    seen,
    connected,
    next: (name: string) => new Promise<unknown>((resolve) => waiters.push({ name, resolve })),
    close: () => req.destroy(),
  };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-web-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Gloss</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("gloss");');
  await writeFile(join(root, 'secret.txt'), 'not for the browser');
  lib = await Library.open(join(root, 'data'), { holder: 'browser mode' });
  server = await startWebServer({ lib, rendererDir, port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.close();
  await lib?.close();
  await rm(root, { recursive: true, force: true });
});

describe('browser-mode server', () => {
  it('prints a loopback URL that carries the token', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('runs an import job and streams its progress and result as Server-Sent Events', async () => {
    const events = openEvents(`/api/events?token=${server.token}`);
    await events.connected;
    const reply = await api('job:importFiles', {
      files: [{ name: 'note.txt', dataBase64: Buffer.from('A short note about tides.\n').toString('base64') }],
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toContain('application/json');
    const started = JSON.parse(reply.body);
    expect(started).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });

    const finished = await events.next('job:finished');
    expect(finished).toMatchObject({ jobId: started.value.jobId, kind: 'import', outcome: 'done', message: '1 document imported.' });
    const progress = events.seen.filter((e) => e.name === 'job:progress').map((e) => e.data);
    expect(progress.at(-1)).toMatchObject({ jobId: started.value.jobId, filesDone: 1, filesTotal: 1 });
    events.close();

    const listed = JSON.parse((await api('library:list', {})).body);
    expect(listed).toMatchObject({
      ok: true,
      value: [{ id: (finished as { importReport: { imported: { id: string }[] } }).importReport.imported[0].id, source: 'note.txt' }],
    });
  });

  it('refuses the event stream without the token', async () => {
    expect((await send({ path: '/api/events' })).status).toBe(401);
    expect((await send({ path: `/api/events?token=${server.token.slice(1)}x` })).status).toBe(401);
    expect((await send({ path: `/api/events?token=${server.token}`, headers: { Host: `evil.example:${server.port}` } })).status).toBe(421);
  });

  it('passes handler failures through as Results', async () => {
    const reply = await api('document:get', { id: 'nope' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(JSON.parse((await api('dialog:pickFolder', {})).body)).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('refuses API calls without the right token', async () => {
    const none = await send({ method: 'POST', path: '/api/library:list', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await api('library:list', {}, { 'X-Gloss-Token': `${server.token.slice(1)}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain('"ok"');
  });

  it('refuses a Host header that is not its own (DNS rebinding)', async () => {
    const api_ = await api('library:list', {}, { Host: `evil.example:${server.port}` });
    expect([403, 421]).toContain(api_.status);
    expect(api_.body).toMatch(/127\.0\.0\.1/);
    const page = await send({ path: '/', headers: { Host: 'localhost:1' } });
    expect([403, 421]).toContain(page.status);
    const ok = await send({ path: '/', headers: { Host: `localhost:${server.port}` } });
    expect(ok.status).toBe(200);
  });

  it('refuses calls from another origin even with the token', async () => {
    const reply = await api('library:list', {}, { Origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
  });

  it('says what is wrong with a malformed request', async () => {
    const badJson = await send({
      method: 'POST',
      path: '/api/library:list',
      headers: { 'Content-Type': 'application/json', 'X-Gloss-Token': server.token },
      body: '{"query": ',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatch(/Invalid JSON/);

    const notJson = await send({
      method: 'POST',
      path: '/api/library:list',
      headers: { 'Content-Type': 'text/plain', 'X-Gloss-Token': server.token },
      body: '{}',
    });
    expect(notJson.status).toBe(415);

    expect((await api('library:nothing', {})).status).toBe(404);
    const get = await send({ path: '/api/library:list', headers: { 'X-Gloss-Token': server.token } });
    expect(get.status).toBe(405);
  });

  it('serves the renderer with its security headers', async () => {
    const index = await send({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Gloss</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');

    const script = await send({ path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.headers['content-security-policy']).toBe(csp);

    expect((await send({ path: '/assets/missing.js' })).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const reply = await send({ path });
      expect(reply.status, path).not.toBe(200);
      expect(reply.body, path).not.toContain('not for the browser');
    }
  });
});
