import path from 'node:path';
import { expect, importThroughChooser, seedsDir, test } from './fixtures';

test('renaming a document keeps the new title after a reload', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [path.join(seedsDir, '002_31b589b1837cb86d.txt')]);
  await page.getByRole('table', { name: 'Documents' }).getByRole('button').first().click();
  const heading = page.getByRole('heading', { level: 1 });
  const original = (await heading.textContent()) ?? '';
  expect(original.length).toBeGreaterThan(0);

  // Escape cancels.
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Not this');
  await page.getByRole('textbox', { name: 'Title', exact: true }).press('Escape');
  await expect(heading).toHaveText(original);

  // Enter saves.
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Valdai conference in Ufa: migration and security');
  await page.getByRole('textbox', { name: 'Title', exact: true }).press('Enter');
  await expect(heading).toHaveText('Valdai conference in Ufa: migration and security');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Valdai conference in Ufa: migration and security');
  await page.getByRole('button', { name: 'Back to library' }).click();
  await expect(page.getByRole('button', { name: 'Valdai conference in Ufa: migration and security' })).toBeVisible();
  await expect(page.getByRole('button', { name: original })).toHaveCount(0);
});
