import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, importThroughChooser, seedsDir, test } from './fixtures';

/** Where in the text the reading line is: the block under it (its offset), as the reader saves the place. */
const blockAtReadingLine = (page: Page) =>
  page.evaluate(() => {
    const box = document.querySelector('article');
    if (!box) return -1; // not open yet
    const article = box.getBoundingClientRect();
    for (let y = 100; y < 400; y += 10) {
      const block = document.elementFromPoint(article.left + article.width / 2, y)?.closest('[data-start]');
      if (block) return Number(block.getAttribute('data-start'));
    }
    return -1;
  });

test('a document reopens where you stopped reading, in any window, because the library keeps the place', async ({ page, gloss, browser }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [path.join(seedsDir, '001_fef8a53d64b1ff48.txt'), path.join(seedsDir, '004_8857d8e3aa01ed9b.txt')]);
  const long = page.getByRole('button', { name: /^407,000 people joined/ });
  await long.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^407,000 people joined/);

  // The place is saved in the library once scrolling stops.
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/document:setPosition') && ((JSON.parse(r.request().postData() ?? '{}') as { offset?: number }).offset ?? 0) > 0,
  );
  await page.mouse.move(400, 400);
  await page.mouse.wheel(0, 4000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(3000);
  expect((await saved).ok()).toBe(true);
  // Pixels are not the place: a long book lays out only what is near the screen. The text at the reading line is.
  const left = await blockAtReadingLine(page);
  expect(left).toBeGreaterThan(0);

  // Another document opens at its top; the first one opens where it was left, even after a reload.
  await page.getByRole('button', { name: 'Back to library' }).click();
  await page.getByRole('button', { name: /^Moscow says that risks/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Moscow says/);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.getByRole('button', { name: 'Back to library' }).click();
  await long.click();
  await expect.poll(() => blockAtReadingLine(page)).toBe(left);
  await page.reload();
  await expect.poll(() => blockAtReadingLine(page)).toBe(left);
  // Nothing of it is kept in the browser.
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

  // A brand-new browser (no storage of any kind) on the same Gloss opens the document at the same place.
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const other = await fresh.newPage();
    await other.goto(gloss.url);
    await other.getByRole('button', { name: /^407,000 people joined/ }).click();
    await expect(other.getByRole('heading', { level: 1 })).toHaveText(/^407,000 people joined/);
    await expect.poll(() => blockAtReadingLine(other)).toBe(left);
  } finally {
    await fresh.close();
  }
});

test('a document opens at its top, and the library keeps its place in a long list', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  const notes = Array.from({ length: 60 }, (_, i) => ({
    name: `note-${i}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`Harbour note ${i} from the quay\n\n${`Line ${i}: the tide came in over the slipway. `.repeat(80)}\n`),
  }));
  await importThroughChooser(page, notes);
  await expect(page.getByRole('table', { name: 'Documents' }).getByRole('row').getByRole('button')).toHaveCount(60);

  const target = page.getByRole('button', { name: 'Harbour note 5 from the quay', exact: true });
  await target.scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1500);
  const listAt = await page.evaluate(() => window.scrollY);
  await target.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour note 5 from the quay');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await page.getByRole('button', { name: 'Back to library' }).click();
  await expect(target).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(listAt - 40);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(listAt + 40);
});
