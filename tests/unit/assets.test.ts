// Images stored with documents: a saved page's files beside it are stored with the document (checked
// by their bytes), remote ones never; both hosts serve them from the app's own origin only.
import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAssetPath } from '../../src-main/asset-path';
import { Library } from '../../src-main/core/library';
import { assetRequest } from '../../src-main/electron/protocol';
import { startWebServer } from '../../src-main/web/server';
import { tempDir } from './helpers/temp';
import { tinyPng } from './helpers/png';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour walls | The Coast Gazette</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour walls</h1>
<p>The old harbour walls were rebuilt this spring, stone by stone, by a crew of six who had never worked with granite before.</p>
<figure><img src="Harbour walls_files/wall.png" alt="The rebuilt wall"><figcaption>The east wall after the work.</figcaption></figure>
<p>They started at the lighthouse end and worked inland, setting each block by hand, and they finished a week before the storms came.</p>
<figure><img src="https://cdn.example.com/tracking.png" alt="A remote picture"></figure>
<figure><img src="Harbour walls_files/fake.png" alt="Not really an image"></figure>
<p>Residents say the harbour has not looked this good in fifty years, and the fishing fleet is already back at its moorings.</p>
</article></body></html>`;

async function libraryWithPage() {
  const root = await tempDir();
  const folder = join(root, 'Saved pages');
  await mkdir(join(folder, 'Harbour walls_files'), { recursive: true });
  await writeFile(join(folder, 'Harbour walls.html'), PAGE);
  await writeFile(join(folder, 'Harbour walls_files', 'wall.png'), Buffer.from(tinyPng()));
  await writeFile(join(folder, 'Harbour walls_files', 'fake.png'), '<svg onload="alert(1)"></svg>');
  await writeFile(join(folder, 'Harbour walls_files', 'style.css'), 'body { color: red }');
  const lib = await Library.open(join(root, 'data'), { holder: 'command line' });
  const report = await lib.documents.importPaths([folder]);
  return { lib, report, folder };
}

describe('images stored with a document', () => {
  it('keeps the images beside a saved page, checked by their bytes; the _files folder is not imported itself', async () => {
    const { lib, report } = await libraryWithPage();
    expect(report.failed).toEqual([]);
    expect(report.skipped ?? []).toEqual([]);
    expect(report.imported).toHaveLength(1);
    const doc = await lib.documents.get(report.imported[0]!.id);
    const images = doc.blocks.filter((b) => b.kind === 'image');
    expect(images.map((b) => [b.text, Boolean(b.src)])).toEqual([
      ['The east wall after the work.', true],
      ['A remote picture', false],
      ['Not really an image', false],
    ]);
    const stored = await lib.documents.asset(doc.document.id, images[0]!.src!);
    expect(stored?.type).toBe('image/png');
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(tinyPng()))).toBe(true);
    expect(await lib.documents.asset(doc.document.id, 'nothing.png')).toBeUndefined();
    await lib.close();
  });

  it('are served by browser mode with the token only, as inert images', async () => {
    const { lib, report } = await libraryWithPage();
    const id = report.imported[0]!.id;
    const src = (await lib.documents.get(id)).blocks.find((b) => b.src)!.src!;
    const server = await startWebServer({ lib, rendererDir: await tempDir(), port: 0, host: '127.0.0.1' });
    const get = (path: string) =>
      new Promise<{ status: number; type?: string; csp?: string; body: Buffer }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              type: res.headers['content-type'],
              csp: res.headers['content-security-policy'] as string,
              body: Buffer.concat(chunks),
            }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const ok = await get(`/api/assets/${id}/${src}?token=${server.token}`);
      expect(ok.status).toBe(200);
      expect(ok.type).toBe('image/png');
      expect(ok.csp).toMatch(/default-src 'none'; sandbox/);
      expect(ok.body.equals(Buffer.from(tinyPng()))).toBe(true);
      expect((await get(`/api/assets/${id}/${src}`)).status).toBe(401);
      expect((await get(`/api/assets/${id}/${src}?token=wrong`)).status).toBe(401);
      expect((await get(`/api/assets/${id}/..%2Flibrary.json?token=${server.token}`)).status).toBe(404);
      expect((await get(`/api/assets/${id}/img-9.png?token=${server.token}`)).status).toBe(404);
    } finally {
      await server.close();
      await lib.close();
    }
  });

  it('are addressed by document and plain name only, in both hosts', () => {
    expect(parseAssetPath('abcdef123/img-1.png')).toEqual({ documentId: 'abcdef123', name: 'img-1.png' });
    for (const bad of [
      'abcdef123/../x.png',
      'abcdef123/a%2Fb.png',
      'abcdef123',
      'ab/img.png',
      'abcdef123/.hidden',
      'abcdef123/img.png/x',
      'abcdef123/%E0%A4%A',
    ])
      expect(parseAssetPath(bad), bad).toBeUndefined();
    expect(assetRequest('app://gloss/assets/abcdef123/img-1.png')).toEqual({ documentId: 'abcdef123', name: 'img-1.png' });
    expect(assetRequest('app://evil/assets/abcdef123/img-1.png')).toBeUndefined();
    expect(assetRequest('app://gloss/index.html')).toBeUndefined();
  });
});
