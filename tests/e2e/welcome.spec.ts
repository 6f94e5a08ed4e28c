import { expect, test } from './fixtures';

test('first start offers the welcome guide, and it opens', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  const openGuide = page.getByRole('button', { name: 'Open the welcome guide' });
  await expect(openGuide).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeVisible();

  await openGuide.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Welcome/);
  // The guide explains the things a new user needs: highlighting, notes, tags and export.
  const body = page.locator('article');
  await expect(body).toContainText(/highlight/i);
  await expect(body).toContainText(/note/i);
  await expect(body).toContainText(/export/i);
  await expect(page.getByRole('button', { name: 'Back to library' })).toBeVisible();

  await page.getByRole('button', { name: 'Back to library' }).click();
  await expect(page.getByRole('button', { name: /Welcome/ })).toBeVisible();
});
