import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { dragSelect, expect, importThroughChooser, seedFiles, test } from './fixtures';

test('deleting a document asks first, then removes it, its highlights and its stored text', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, (await seedFiles()).slice(2, 4));
  const titles = page.getByRole('table', { name: 'Documents' }).getByRole('row').getByRole('button');
  await expect(titles).toHaveCount(2);
  const title = 'In 2020, 22 terrorist cells were neutralized in the CIS';
  await page.getByRole('button', { name: title }).click();
  await dragSelect(page, page.getByRole('article').getByText('Through joint efforts'), 0, 20);
  await page.getByRole('toolbar', { name: 'Highlight selection' }).getByRole('button', { name: 'Highlight green' }).click();
  await expect(page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(1);

  // Cancel keeps everything.
  await page.getByRole('button', { name: 'Delete document' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this document?' });
  await expect(confirm).toContainText(`“${title}” and its 1 highlight will be removed`);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await page.getByRole('button', { name: 'Delete document' }).click();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(`Deleted “${title}” and its highlights.`);
  await expect(titles).toHaveCount(1);
  await expect(page.getByRole('button', { name: title })).toHaveCount(0);
  await page.reload();
  await expect(titles).toHaveCount(1);

  // Nothing of it is left in the data folder.
  expect(await readdir(path.join(gloss.dataDir, 'documents'))).toHaveLength(1);
  expect((await readdir(path.join(gloss.dataDir, 'annotations'))).filter((f) => f.endsWith('.json'))).toEqual([]);
});
