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

  it('answers a good call with the Result from the handlers', async () => {
    const reply = await api('library:importFiles', {
      files: [{ name: 'note.txt', dataBase64: Buffer.from('A short note about tides.\n').toString('base64') }],
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toContain('application/json');
    const result = JSON.parse(reply.body);
    expect(result.ok).toBe(true);
    expect(result.value.imported).toHaveLength(1);

    const listed = JSON.parse((await api('library:list', {})).body);
    expect(listed).toMatchObject({ ok: true, value: [{ id: result.value.imported[0].id, source: 'note.txt' }] });
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
