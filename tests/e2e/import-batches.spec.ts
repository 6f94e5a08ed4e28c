import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, importThroughChooser, test } from './fixtures';

/** `n` distinct small articles, as a person's folder of saved pages might hold. */
function articles(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    name: `article-${String(i).padStart(3, '0')}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`Field report number ${i} from the coast\n\n${`Observation ${i}: the tide turned early and the boats came home. `.repeat(40)}\n`),
  }));
}

/**
 * Hold the second call on `channel` until the returned function is called, as a slow disk would:
 * Cancel is then certain to be clicked while a batch is still under way. The server does the real
 * work for every request that goes through.
 */
async function holdSecondCall(page: Page, channel: string): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  await page.route(`**/api/${channel}`, async (route) => {
    if (++calls === 2) await released;
    await route.continue();
  });
  return release;
}

test('a large import and export show their progress and can be cancelled, keeping what was already done', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  const status = page.getByRole('status');
  const rows = page.getByRole('table', { name: 'Documents' }).getByRole('row').getByRole('button');

  // 400 files go in batches of 50; Cancel during the second batch keeps the first two.
  let release = await holdSecondCall(page, 'library:importFiles');
  await importThroughChooser(page, articles(400));
  await expect(status).toContainText('Importing… 50 of 400 files done.');
  await page.getByRole('button', { name: 'Cancel import' }).click();
  release();
  await expect(status).toContainText('Import cancelled: 100 of 400 files were read; the other 300 were left alone.');
  await expect(status).toContainText('Imported 100 documents.');
  await expect(rows).toHaveCount(100);
  await page.reload();
  await expect(rows).toHaveCount(100);
  await page.unrouteAll();

  // Importing the same 400 again adds only the rest, and says how many were already there.
  await importThroughChooser(page, articles(400));
  await expect(status).toContainText('Imported 300 documents.', { timeout: 60_000 });
  await expect(status).toContainText('is already in your library');
  await expect(status).toContainText('…and 92 more duplicates or files that could not be imported.');
  // A long list shows its first 200 rows and the rest as you scroll down.
  await expect(page.getByText('400 documents · showing the first 200')).toBeVisible();
  await expect(rows).toHaveCount(200);
  // scrolling down to the "Show 200 more" button brings the rest in
  await page.getByRole('button', { name: 'Show 200 more' }).scrollIntoViewIfNeeded();
  await expect(rows).toHaveCount(400);
  await expect(page.getByText('400 documents', { exact: true })).toBeVisible();

  // Exporting all 400 goes in batches of 100 and can be stopped too: only whole files are left behind.
  const outDir = await mkdtemp(path.join(tmpdir(), 'gloss-export-batches-'));
  try {
    const exportTo = async () => {
      await page.getByRole('button', { name: 'Export to Markdown' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export to Markdown' });
      await dialog.getByRole('textbox', { name: 'Export folder' }).fill(outDir);
      await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    };
    const markdownFiles = async () => (await readdir(outDir)).filter((f) => f.endsWith('.md'));
    release = await holdSecondCall(page, 'export:markdown');
    await exportTo();
    await expect(status).toContainText('Exporting… 100 of 400 documents done.');
    await page.getByRole('button', { name: 'Cancel export' }).click();
    release();
    await expect(status).toContainText(`Export cancelled: wrote 200 documents to ${outDir}; 200 not exported.`);
    expect(await markdownFiles()).toHaveLength(200);
    expect((await readdir(outDir)).filter((f) => f.includes('.tmp'))).toEqual([]);
    await page.unrouteAll();

    await exportTo();
    await expect(status).toContainText(`Exported 400 documents to ${outDir}`, { timeout: 60_000 });
    expect(await markdownFiles()).toHaveLength(400);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
