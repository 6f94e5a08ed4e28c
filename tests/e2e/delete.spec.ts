import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { callApi, dragSelect, expect, importThroughChooser, seedFiles, test } from './fixtures';

/** Every file under a folder (the search index aside: a cache Gloss rebuilds), as bytes. */
async function everyFileIn(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.name.startsWith('search-index')) out.push(await readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

test('deleting a document asks first, moves it to the Trash (Undo brings it back), and emptying the Trash removes its stored text', async ({
  page,
  gloss,
}) => {
  await page.goto(gloss.url);
  const files = (await seedFiles()).slice(2, 4);
  await importThroughChooser(page, files);
  const other = (
    await readFile(
      files.find((f) => !f.includes('003_'))!,
      'utf8',
    )
  )
    .split('\n')
    .find((line) => line.length > 80)!;
  const keptPhrase = other.slice(0, 40);
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
  await expect(confirm).toContainText(`“${title}” and its 1 highlight will be moved to`);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await page.getByRole('button', { name: 'Delete document' }).click();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  // The status line's message (the reader has a live region of its own while it is still there).
  const status = page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Dismiss message' }) });
  await expect(status).toContainText(`Moved “${title}” and its highlights to the Trash.`);
  await expect(titles).toHaveCount(1);
  // Undo brings it back, with its highlight; deleting again puts it in the Trash.
  await status.getByRole('button', { name: 'Undo' }).click();
  await expect(status).toContainText(`Restored “${title}”.`);
  await page.reload();
  await expect(titles).toHaveCount(2);
  await page.getByRole('button', { name: title }).click();
  await expect(page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Delete document' }).click();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(titles).toHaveCount(1);
  await expect(page.getByRole('button', { name: title })).toHaveCount(0);
  await page.reload();
  await expect(titles).toHaveCount(1);

  // Emptying the Trash leaves nothing of it in the data folder: no file holds its text any more (the other one's is kept).
  expect(await callApi(gloss, 'trash:empty', {})).toEqual({ erased: 1 });
  const stored = await everyFileIn(gloss.dataDir);
  expect(stored.some((bytes) => bytes.includes('Through joint efforts'))).toBe(false);
  expect(stored.some((bytes) => bytes.includes(keptPhrase))).toBe(true);
  expect((await readdir(path.join(gloss.dataDir, 'annotations'))).filter((f) => f.endsWith('.json'))).toEqual([]);
});
