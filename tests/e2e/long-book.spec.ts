// A long book in the reader (issue 7 §1–2): only the part near the viewport is in the page, yet the
// contents panel jumps anywhere and marks where you are, find sees the whole text (ignoring case and
// accents), progress follows the reading, and a highlight made far into the book is painted and kept.
import { expect, importThroughChooser, paintedHighlights, test } from './fixtures';

const CHAPTERS = 60;

function longBook(): string {
  const parts = ['The Lantern Keeper\n\nA long book for the reader to find its way in.'];
  for (let c = 1; c <= CHAPTERS; c++) {
    parts.push(`CHAPTER ${c}`);
    for (let p = 0; p < 40; p++) {
      const words = `In chapter ${c}, paragraph ${p}, the keeper climbed the stairs at dusk and wrote the hour in the ledger by the door`;
      parts.push(c === 45 && p === 7 ? `${words}, then ordered a CAFÉ at the harbour.` : `${words}.`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

test('a long book: contents jump and mark the section, find sees the whole text, progress follows', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [{ name: 'lantern.txt', mimeType: 'text/plain', buffer: Buffer.from(longBook()) }]);
  await page.getByRole('button', { name: 'The Lantern Keeper' }).click();
  const article = page.getByRole('article');
  await expect(article.getByText('In chapter 1, paragraph 0,')).toBeVisible();
  // Only part of the book is in the page.
  expect(await article.locator('[data-start]').count()).toBeLessThan(CHAPTERS * 41);
  await expect(article.getByText('In chapter 50, paragraph 3,')).toHaveCount(0);

  await page.getByRole('button', { name: 'Contents' }).click();
  const contents = page.getByRole('navigation', { name: 'Contents' });
  await expect(contents.getByRole('link')).toHaveCount(CHAPTERS);
  await contents.getByRole('link', { name: 'CHAPTER 50', exact: true }).click();
  await expect(article.getByRole('heading', { name: 'CHAPTER 50', exact: true })).toBeInViewport();
  await expect(contents.getByRole('link', { name: 'CHAPTER 50', exact: true })).toHaveAttribute('aria-current', 'location');
  const progress = page.getByRole('progressbar', { name: 'Reading progress' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(75);

  // Find: the whole text, without regard to case or accents.
  await page.keyboard.press('Control+f');
  const find = page.getByRole('search', { name: 'Find in document' }).getByRole('searchbox', { name: 'Find in document' });
  await expect(find).toBeFocused();
  await find.fill('cafe');
  await expect(page.getByRole('search', { name: 'Find in document' }).getByRole('status')).toHaveText('1 of 1');
  await expect(article.getByText(/then ordered a CAFÉ/)).toBeInViewport();
  await expect.poll(async () => (await paintedHighlights(page))['gloss-find-current']).toEqual(['CAFÉ']);
  await find.fill('paragraph 39,');
  await expect(page.getByRole('search', { name: 'Find in document' }).getByRole('status')).toHaveText(/^\d+ of 60$/);
  await find.press('Escape');
  await expect(page.getByRole('search', { name: 'Find in document' })).toHaveCount(0);

  // Back to the start through the contents: the first chapter is there again.
  await contents.getByRole('link', { name: 'CHAPTER 2', exact: true }).click();
  await expect(article.getByRole('heading', { name: 'CHAPTER 2', exact: true })).toBeInViewport();
  await expect(contents.getByRole('link', { name: 'CHAPTER 2', exact: true })).toHaveAttribute('aria-current', 'location');

  // The library shows how far through the book the reader is, even when the reader is left at once
  // after a jump (before the pause in scrolling that keeps the place)…
  await contents.getByRole('link', { name: 'CHAPTER 45', exact: true }).click();
  await page.getByRole('button', { name: 'Back to library' }).click();
  const row = page.getByRole('table', { name: 'Documents' }).getByRole('row').filter({ hasText: 'The Lantern Keeper' });
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^(7[0-9])%$/);
  // …or with the browser's Back.
  await page.getByRole('button', { name: 'The Lantern Keeper' }).click();
  await expect(article.getByRole('heading', { name: 'CHAPTER 45', exact: true })).toBeInViewport();
  await page.getByRole('button', { name: 'Contents' }).click();
  await contents.getByRole('link', { name: 'CHAPTER 10', exact: true }).click();
  await page.goBack();
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^1[5-7]%$/);
});
