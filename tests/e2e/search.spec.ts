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
  await expect(table.getByRole('mark').first()).toHaveText(word);

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
