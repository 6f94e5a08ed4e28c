// app://gloss: the built renderer served from its own folder and nothing else. A real origin (not
// file:) lets the CSP's 'self' mean the app alone and lets every response carry the policy header.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, appResponseHeaders, resolveAppRequest } from './protocol';

/** Must run before the app's 'ready' event (Electron allows one call). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: relative URLs, a real origin and storage; secure: a secure context like https;
      // supportFetchAPI: fetch() of the app's own files. Not corsEnabled: no other origin may read it.
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

function refuse(status: number): Response {
  return new Response(null, { status, headers: appResponseHeaders() });
}

/** After 'ready': answer app:// requests from `rendererDir` (out/renderer) only. */
export function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const decision = resolveAppRequest(request.url, rendererDir);
    if ('status' in decision) {
      if (decision.status !== 404) console.warn(`[gloss] refused app request (${decision.status}): ${request.url.slice(0, 200)}`);
      return refuse(decision.status);
    }
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await readFile(decision.path));
    } catch {
      return refuse(404);
    }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(decision.contentType) });
  });
}
