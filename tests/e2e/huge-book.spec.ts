// A book taller than a browser can lay out (issue 7 §1: "at any size"): 35 MB of short paragraphs is
// over 40 million pixels of text, past the ~33.5 million a page can be. The reader still reaches every
// part of it: End goes to its last line, the contents jump to its last chapter, the wheel scrolls on
// from there, and Home comes back to the top.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callApi, expect, test } from './fixtures';

const CHAPTERS = 700;
const PARAGRAPHS = 1000;

function hugeBook(): string {
  const parts = ['The Endless Ledger', 'A book longer than any page.'];
  for (let c = 1; c <= CHAPTERS; c++) {
    parts.push(`CHAPTER ${c}`);
    for (let p = 0; p < PARAGRAPHS; p++) parts.push(`Chapter ${c}, entry ${p}: the tide came in at dusk.`);
  }
  parts.push('The last line of the ledger, written at dawn.');
  return `${parts.join('\n\n')}\n`;
}

test('a book taller than a page can be: End, the contents and the wheel reach all of it', async ({ page, gloss }) => {
  test.setTimeout(180_000);
  const folder = await mkdtemp(path.join(tmpdir(), 'gloss-huge-book-'));
  try {
    const text = hugeBook();
    expect(text.length).toBeGreaterThan(30_000_000);
    await writeFile(path.join(folder, 'ledger.txt'), text);
    await page.goto(gloss.url);
    await callApi(gloss, 'job:importPaths', { paths: [folder] });
    await expect(page.getByRole('status')).toContainText('1 document imported.', { timeout: 120_000 });

    await page.getByRole('button', { name: 'The Endless Ledger' }).click();
    const article = page.getByRole('article');
    await expect(article.getByText('A book longer than any page.')).toBeInViewport({ timeout: 30_000 });
    // Far more text than a page can hold: the page itself stays within what a browser lays out.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(33_000_000);

    // End: the last line of the book, and the whole of it read.
    await article.getByText('A book longer than any page.').click();
    await page.keyboard.press('End');
    await expect(article.getByText('The last line of the ledger, written at dawn.')).toBeInViewport();
    const progress = page.getByRole('progressbar', { name: 'Reading progress' });
    await expect(progress).toHaveAttribute('aria-valuenow', '100');

    // The wheel scrolls on from there, through the text just before (not a jump elsewhere in the book).
    const topEntry = () =>
      page.evaluate(() => {
        const line = [...document.querySelectorAll('article p')].find((p) => p.getBoundingClientRect().top >= 0)?.textContent ?? '';
        const [, chapter, entry] = /^Chapter (\d+), entry (\d+):/.exec(line) ?? [];
        return chapter ? Number(chapter) * 10_000 + Number(entry) : -1;
      });
    const atEnd = await topEntry();
    expect(atEnd).toBeGreaterThan(CHAPTERS * 10_000 + PARAGRAPHS - 40);
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, -3000);
    await expect.poll(topEntry).toBeLessThan(atEnd - 30);
    expect(await topEntry()).toBeGreaterThan(atEnd - 200);

    // The contents reach the last chapter, and Home the top.
    await page.getByRole('button', { name: 'Contents' }).click();
    const contents = page.getByRole('navigation', { name: 'Contents' });
    await contents.getByRole('link', { name: `CHAPTER ${CHAPTERS - 1}`, exact: true }).click();
    await expect(article.getByRole('heading', { name: `CHAPTER ${CHAPTERS - 1}`, exact: true })).toBeInViewport();
    await article.getByText(`Chapter ${CHAPTERS - 1}, entry 0:`).click();
    await page.keyboard.press('Home');
    await expect(article.getByText('A book longer than any page.')).toBeInViewport();
    await expect(progress).toHaveAttribute('aria-valuenow', '0');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
