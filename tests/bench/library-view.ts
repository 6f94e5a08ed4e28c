// The library view at scale, measured in Chromium against browser mode: how long until the list
// shows, and until a search has replaced it. Skipped (and said so) where Chromium is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import type { Library } from '../../src-main/core/library';
import { startWebServer } from '../../src-main/web/server';

const CHROMIUM = process.env.GLOSS_CHROMIUM ?? '/usr/bin/chromium';
const REPO = resolve(import.meta.dirname, '../..');

export interface ViewTimings {
  firstScreenMs: number;
  searchMs: number;
  clearMs: number;
}

export async function measureLibraryView(lib: Library, query: string): Promise<ViewTimings | string> {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  execFileSync('npm', ['run', 'build:renderer', '--silent'], { cwd: REPO, stdio: 'ignore' });
  const server = await startWebServer({ lib, rendererDir: resolve(REPO, 'out/renderer'), port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const countText = () => page.locator('.list-count').textContent();
    // (a string, evaluated in the page: this file is type-checked without the DOM)
    const countChangedFrom = (before: string | null) =>
      page.waitForFunction(`document.querySelector('.list-count')?.textContent !== ${JSON.stringify(before)}`);
    let t = performance.now();
    await page.goto(server.url);
    await page.locator('table tbody tr').first().waitFor();
    const firstScreenMs = performance.now() - t;
    const all = await countText();

    const search = page.getByRole('searchbox', { name: 'Search library' });
    t = performance.now();
    await search.fill(query);
    await countChangedFrom(all);
    const searchMs = performance.now() - t;
    const found = await countText();

    t = performance.now();
    await search.fill('');
    await countChangedFrom(found);
    const clearMs = performance.now() - t;
    return { firstScreenMs, searchMs, clearMs };
  } finally {
    await browser.close();
    await server.close();
  }
}
