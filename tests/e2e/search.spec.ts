import { readFile } from 'node:fs/promises';
import { expect, importThroughChooser, seedFiles, test } from './fixtures';

test('search finds a word in the body of one document; the tag filter narrows the list', async ({ page, gloss }) => {
  const seeds = await seedFiles();
  const texts = await Promise.all(seeds.map((f) => readFile(f, 'utf8')));
  // A word from the body of exactly one seed (not its first lines, where titles come from).
  const word = 'Valdai';
  expect(texts.filter((t) => t.includes(word))).toHaveLength(1);

  await page.goto(gloss.url);
  await importThroughChooser(page, seeds);
  const table = page.getByRole('table', { name: 'Documents' });
  const titles = table.getByRole('row').getByRole('button');
  await expect(titles).toHaveCount(5);

  const search = page.getByRole('searchbox', { name: 'Search library' });
  await search.fill(word);
  await expect(titles).toHaveCount(1);
  await expect(titles.first()).toHaveText(/Central Asia/);
  // The snippet shows where it matched, with the word marked.
  await expect(table.locator('.snippet mark').first()).toHaveText(word);

  // A long passage pasted in is cut at the longest search rather than refused.
  await search.fill(`${word} `.repeat(100));
  await expect(search).toHaveValue(`${word} `.repeat(100).slice(0, 500));
  await expect(titles).toHaveCount(1);

  await search.fill('');
  await expect(titles).toHaveCount(5);

  // Tag one document in the reader, then filter the library by that tag.
  await page.getByRole('button', { name: /^In 2020, 22 terrorist cells/ }).click();
  const addTag = page.getByRole('textbox', { name: 'Add document tag' });
  await addTag.fill('cis');
  await addTag.press('Enter');
  await expect(page.getByRole('group', { name: 'Document tags' }).getByRole('button', { name: 'Remove tag cis' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to library' }).click();

  await expect(titles).toHaveCount(5);
  const filter = page.getByRole('combobox', { name: 'Filter by tag' });
  await filter.selectOption('cis');
  await expect(titles).toHaveCount(1);
  await expect(titles.first()).toHaveText(/^In 2020, 22 terrorist cells/);
  await filter.selectOption({ label: 'All tags' });
  await expect(titles).toHaveCount(5);
});

test('a search result opens at its match, and the library still holds the search on return', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, await seedFiles());
  const table = page.getByRole('table', { name: 'Documents' });
  const titles = table.getByRole('row').getByRole('button');
  await expect(titles).toHaveCount(5);

  // A word deep inside the scraped page's 24,000-character line, far below the first screen.
  const search = page.getByRole('searchbox', { name: 'Search library' });
  await search.fill('intermediary');
  await expect(titles).toHaveCount(1);
  await titles.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^407,000 people joined/);

  await expect
    .poll(() =>
      page.evaluate(() => {
        const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n as Text).data.indexOf('intermediary');
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + 'intermediary'.length);
          const rect = range.getBoundingClientRect();
          return { onScreen: rect.top >= 0 && rect.bottom <= window.innerHeight, scrolled: window.scrollY > 1000 };
        }
        return null;
      }),
    )
    .toEqual({ onScreen: true, scrolled: true });

  await page.getByRole('button', { name: 'Back to library' }).click();
  await expect(search).toHaveValue('intermediary');
  await expect(titles).toHaveCount(1);
  await search.fill('');
  await expect(titles).toHaveCount(5);
});
