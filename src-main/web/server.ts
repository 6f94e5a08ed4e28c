// Browser mode: the built renderer and the handler table over HTTP on the loopback interface.
// Anything on this machine can reach a loopback port, and any web page can try (DNS rebinding,
// cross-site POSTs), so every API call needs the per-run token and the right Host header.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import type { Library } from '../core/library';
import { createHandlers, dispatch, isChannel, type HostServices } from '../handlers';
import { assetHeaders, parseAssetPath } from '../asset-path';
import { SECURITY_HEADERS } from '../content-security-policy';
import { contentTypeForExtension } from '../content-types';
import { MAX_REQUEST_BYTES } from '../ipc/contract';

export interface WebServerOptions {
  lib: Library;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  /** 0 = any free port */
  port: number;
  host?: '127.0.0.1';
}

export interface WebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-gloss-token';
/** Server-Sent Events: the host's events, as the desktop app gets them over IPC. */
export const EVENTS_PATH = '/api/events';
export const ASSETS_PATH = '/api/assets/';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message.endsWith('\n') ? message : `${message}\n`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

// Hashing first makes both sides the same length, so the comparison leaks neither content nor length.
function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_REQUEST_BYTES) {
    throw new HttpError(413, `Request too large (limit ${MAX_REQUEST_BYTES / 1024 / 1024} MB)`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new HttpError(413, `Request too large (limit ${MAX_REQUEST_BYTES / 1024 / 1024} MB)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const bindHost = opts.host ?? '127.0.0.1';
  const rendererDir = resolve(opts.rendererDir);
  const token = randomBytes(24).toString('base64url');
  const services: HostServices = { kind: 'web' };
  const handlers = createHandlers(opts.lib, services);
  let port = opts.port;

  // Host events (job progress and results) go to every open page as Server-Sent Events.
  const listeners = new Set<ServerResponse>();
  const unsubscribe = opts.lib.jobs.on((event) => {
    const frame = `event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;
    for (const res of listeners) res.write(frame);
  });
  // A reading settings change made in one tab (or by another program) reaches every other tab.
  const unsubscribeSettings = opts.lib.settings.on((settings) => {
    const frame = `event: settings:changed\ndata: ${JSON.stringify(settings)}\n\n`;
    for (const res of listeners) res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const res of listeners) res.write(': still here\n\n');
  }, 15_000);
  heartbeat.unref();

  function handleEvents(req: IncomingMessage, res: ServerResponse, search: URLSearchParams): void {
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return sendText(res, 405, 'The event stream only accepts GET.');
    }
    // EventSource cannot send headers, so this one request carries the token in its query.
    if (!tokenMatches(search.get('token') ?? undefined, token)) {
      return sendText(res, 401, 'Missing or wrong token: open Gloss with the URL printed in the terminal.');
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
  }

  /** A document's stored image, for <img src>: like the event stream, the token comes in the query. */
  async function handleAsset(req: IncomingMessage, res: ServerResponse, path: string, search: URLSearchParams): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Images are only read.');
    }
    if (!tokenMatches(search.get('token') ?? undefined, token)) return sendText(res, 401, 'Missing or wrong token.');
    const wanted = parseAssetPath(path);
    const asset = wanted && (await opts.lib.documents.asset(wanted.documentId, wanted.name));
    if (!asset) return sendText(res, 404, 'No such image.');
    res.writeHead(200, assetHeaders(asset.type, asset.bytes.byteLength));
    res.end(req.method === 'HEAD' ? undefined : asset.bytes);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendText(res, 405, 'The API only accepts POST.');
    }
    // A page on another origin never gets to call us, even if it somehow learnt the token.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return sendText(res, 403, 'Forbidden: requests from other origins are refused.');
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      return sendText(res, 401, 'Missing or wrong X-Gloss-Token: open Gloss with the URL printed in the terminal.');
    }
    if (!isChannel(channel)) return sendText(res, 404, `Unknown API channel: ${channel}`);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return sendText(res, 415, 'The API expects Content-Type: application/json.');

    const body = await readBody(req);
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch (err) {
        throw new HttpError(400, `Invalid JSON in request body: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    sendJson(res, 200, await dispatch(handlers, channel, input));
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed.');
    }
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      throw new HttpError(400, 'Bad URL encoding.');
    }
    if (relative.includes('\0')) throw new HttpError(400, 'Bad path.');
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = resolve(rendererDir, `.${relative}`);
    if (!file.startsWith(rendererDir + sep)) throw new HttpError(403, 'Forbidden path.');

    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return sendText(res, 404, `Not found: ${pathname}`);
    const body = await readFile(file);
    const isIndex = file === resolve(rendererDir, 'index.html');
    res.writeHead(200, {
      'Content-Type': contentTypeForExtension(extname(file)),
      'Content-Length': body.length,
      // index.html names the hashed bundles of this build; hashed assets themselves may be cached.
      'Cache-Control': isIndex ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const host = req.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      // DNS rebinding: a hostile page's own name resolving to 127.0.0.1 arrives with its Host header.
      return sendText(res, 421, `Misdirected request: Gloss answers only to http://127.0.0.1:${port}/`);
    }
    const [pathname, query = ''] = (req.url ?? '/').split('?');
    if (!pathname.startsWith('/')) return sendText(res, 400, 'Bad request path.');
    if (pathname === EVENTS_PATH) return handleEvents(req, res, new URLSearchParams(query));
    const work = pathname.startsWith(ASSETS_PATH)
      ? handleAsset(req, res, pathname.slice(ASSETS_PATH.length), new URLSearchParams(query))
      : pathname.startsWith('/api/')
        ? handleApi(req, res, pathname.slice('/api/'.length))
        : pathname === '/api'
          ? Promise.resolve(sendText(res, 404, 'Unknown API path.'))
          : handleStatic(req, res, pathname);
    work.catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) {
        res.setHeader('Connection', 'close');
        return sendText(res, err.status, err.message);
      }
      console.error('[gloss] request failed:', err);
      sendText(res, 500, 'Internal error.');
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(opts.port, bindHost, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        unsubscribe();
        unsubscribeSettings();
        clearInterval(heartbeat);
        for (const res of listeners) res.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
