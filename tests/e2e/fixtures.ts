// A fresh Gloss in browser mode for each test: its own temp data folder and its own server process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { SEEDS_DIR as seedsDir } from '../seeds';

export interface GlossServer {
  /** the address the server printed, with its token */
  url: string;
  /** the per-run token (also in `url`), for calling the API as another program would */
  token: string;
  dataDir: string;
}

const here = import.meta.dirname;
const repoRoot = path.resolve(here, '../..');
export { seedsDir };

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start within 30 s:\n${output()}`)), 30_000);
    const check = () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with code ${code}:\n${output()}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ gloss: GlossServer; glossFiles: Record<string, string> }>({
  /** files (path relative to the data folder -> content) written before Gloss opens the folder */
  glossFiles: [{}, { option: true }],
  gloss: async ({ glossFiles }, use) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gloss-e2e-'));
    for (const [name, content] of Object.entries(glossFiles)) {
      await mkdir(path.dirname(path.join(dataDir, name)), { recursive: true });
      await writeFile(path.join(dataDir, name), content);
    }
    const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), ['src-main/web/main.ts', '--data', dataDir, '--port', '0'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await waitForUrl(child, () => output);
      await use({ url, token: new URL(url).searchParams.get('token') ?? '', dataDir });
    } finally {
      await stop(child);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Import files through the Import button's file chooser, as a person would. */
export async function importThroughChooser(page: Page, files: string[] | { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles(files);
}

/** Call the browser-mode API as another program would (the CLI, a script): with the token, not through the page. */
export async function callApi(gloss: GlossServer, channel: string, input: unknown): Promise<unknown> {
  const response = await fetch(new URL(`/api/${channel}`, gloss.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Gloss-Token': gloss.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: true; value: unknown } | { ok: false; code: string; message: string };
  if (!result.ok) throw new Error(`${channel} failed (${result.code}): ${result.message}`);
  return result.value;
}

/** `n` distinct small articles, as a person's folder of saved pages might hold. */
export function articles(n: number, prefix = 'article'): { name: string; mimeType: string; buffer: Buffer }[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `${prefix}-${String(i).padStart(3, '0')}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(
      `Field report number ${i} from the coast\n\n${`Observation ${i}: the tide turned early and the boats came home. `.repeat(30)}\n`,
    ),
  }));
}

/** The five seed documents, as paths. */
export async function seedFiles(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(seedsDir))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(seedsDir, f));
}

/**
 * Select characters [from, to) of a paragraph's text by dragging the mouse across them. The
 * coordinates come from the page; the selection itself is a real mouse drag.
 */
export async function dragSelect(page: Page, paragraph: Locator, from: number, to: number): Promise<string> {
  await paragraph.scrollIntoViewIfNeeded();
  const points = await paragraph.evaluate(
    (el, [a, b]) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const texts: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
      const at = (k: number, side: 'left' | 'right') => {
        let acc = 0;
        for (const t of texts) {
          if (k < acc + t.data.length) {
            const r = document.createRange();
            r.setStart(t, k - acc);
            r.setEnd(t, k - acc + 1);
            const box = r.getClientRects()[0] ?? r.getBoundingClientRect();
            return { x: side === 'left' ? box.left + 1 : box.right - 1, y: box.top + box.height / 2 };
          }
          acc += t.data.length;
        }
        throw new Error(`offset ${k} is past the paragraph's text`);
      };
      return { start: at(a, 'left'), end: at(b - 1, 'right'), text: (el.textContent ?? '').slice(a, b) };
    },
    [from, to] as const,
  );
  await page.mouse.move(points.start.x, points.start.y);
  await page.mouse.down();
  await page.mouse.move(points.end.x, points.end.y, { steps: 8 });
  await page.mouse.up();
  return points.text;
}

/** What the page's CSS Custom Highlight registry draws, per colour: the text of each range. */
export async function paintedHighlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    CSS.highlights.forEach((highlight, name) => {
      out[name] = [...highlight].map((r) => (r as Range).toString());
    });
    return out;
  });
}
