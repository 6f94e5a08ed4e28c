// app://gloss: the built renderer served from its own folder and nothing else. A real origin (not
// file:) lets the CSP's 'self' mean the app alone and lets every response carry the policy header.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { assetHeaders } from '../asset-path';
import { APP_SCHEME, appResponseHeaders, assetRequest, resolveAppRequest } from './protocol';

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

/** A document's stored image: its bytes and checked type, or undefined. */
export type AssetSource = (documentId: string, name: string) => Promise<{ bytes: Uint8Array; type: string } | undefined>;

/**
 * After 'ready': answer app:// requests from `rendererDir` (out/renderer) only, and app://gloss/assets/…
 * with the images stored with documents.
 */
export function serveApp(rendererDir: string, assets: AssetSource): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const asset = assetRequest(request.url);
    if (asset) {
      const found = await assets(asset.documentId, asset.name).catch(() => undefined);
      if (!found) return refuse(404);
      const body = new Uint8Array(found.bytes);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: assetHeaders(found.type, body.byteLength) });
    }
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
