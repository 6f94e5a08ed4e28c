import { expect, importThroughChooser, test } from './fixtures';

/** `n` distinct small articles, as a person's folder of saved pages might hold. */
function articles(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    name: `article-${String(i).padStart(3, '0')}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`Field report number ${i} from the coast\n\n${`Observation ${i}: the tide turned early and the boats came home. `.repeat(40)}\n`),
  }));
}

test('a large import shows its progress and can be cancelled, keeping what was already imported', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, articles(400));
  const status = page.getByRole('status');
  await expect(status).toContainText(/Importing… \d+ of 400 files done/);
  await page.getByRole('button', { name: 'Cancel import' }).click();

  await expect(status).toContainText(/Import cancelled: \d+ of 400 files were read/);
  const done = Number(/Import cancelled: (\d+) of 400/.exec((await status.textContent()) ?? '')![1]);
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(400);
  await expect(status).toContainText(`Imported ${done} documents.`);
  // Exactly the files sent before Cancel are in the library, each once.
  const rows = page.getByRole('table', { name: 'Documents' }).getByRole('row').getByRole('button');
  await expect(rows).toHaveCount(done);
  await page.reload();
  await expect(rows).toHaveCount(done);

  // Importing the same 400 again adds only the rest, and says how many were already there.
  await importThroughChooser(page, articles(400));
  await expect(status).toContainText(`Imported ${400 - done} documents.`, { timeout: 60_000 });
  await expect(status).toContainText('is already in your library');
  await expect(status).toContainText(`…and ${done - 8} more duplicates or files that could not be imported.`);
  await expect(rows).toHaveCount(400);
});
