import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, importThroughChooser, seedFiles, test } from './fixtures';

test('importing the seed articles lists them with sensible titles', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  const seeds = await seedFiles();
  expect(seeds).toHaveLength(5);

  await importThroughChooser(page, seeds);
  await expect(page.getByRole('status')).toContainText('5 documents imported.');

  const table = page.getByRole('table', { name: 'Documents' });
  const titles = table.getByRole('row').getByRole('button');
  await expect(titles).toHaveCount(5);
  await expect(table.getByRole('button', { name: 'Moscow says that risks from militant groups worldwide have not gone away' })).toBeVisible();

  for (const title of await titles.allTextContents()) {
    expect(title.trim().length).toBeGreaterThan(8);
    expect(title.length).toBeLessThan(200);
    expect(title).not.toMatch(/^(logo|#|latest news)/i);
    // never a date line such as "Sat, 21 May 2022" or "18 November 2020"
    expect(title).not.toMatch(/^(\w{3}, )?\d{1,2} \w+ \d{4}$/);
  }
  // Each title comes from its document's own words (a long first sentence may be shortened with "…").
  const texts = await Promise.all(seeds.map((f) => readFile(f, 'utf8')));
  for (const title of await titles.allTextContents()) {
    const words = title.trim().replace(/…$/, '');
    expect(texts.some((t) => t.includes(words))).toBe(true);
  }

  // The same file again is recognised.
  const again = seeds[4]!;
  await importThroughChooser(page, [again]);
  await expect(page.getByRole('status')).toContainText(`${path.basename(again)} is already in your library`);
  await expect(titles).toHaveCount(5);
  await page.screenshot({ path: '/tmp/gloss-library.png' });

  // The scraped page with a 24,000-character line reads like any other: bullets kept, no sideways scroll.
  await table.getByRole('button', { name: /^407,000 people joined Russian forces/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^407,000 people joined/);
  const article = page.getByRole('article');
  // The page printed its headline three times; the reader shows it once, as the title.
  await expect(
    article.getByText('407,000 people joined Russian forces in 2024, but recruitment pace slows', { exact: true }).filter({ visible: true }),
  ).toHaveCount(1);
  // The scraped header before it ("logo", "#", …) is still there to read, set in small muted type.
  const logo = article.getByText('logo', { exact: true });
  await expect(logo).toBeVisible();
  const sizes = await logo.evaluate((el) => ({
    furniture: parseFloat(getComputedStyle(el).fontSize),
    body: parseFloat(getComputedStyle(el.closest('article')!.querySelector('.document-body p:not(.page-furniture):not([hidden])')!).fontSize),
  }));
  expect(sizes.furniture).toBeLessThan(sizes.body);
  await expect(article.getByRole('listitem').first()).toBeVisible();
  const overflow = await article.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  expect(overflow.page).toBeLessThanOrEqual(overflow.viewport);
  await page.screenshot({ path: '/tmp/gloss-reader-long.png' });
});

test('a binary file is refused with a message, and nothing is added', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [
    {
      name: 'scan.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00, 0x01]),
    },
  ]);
  const status = page.getByRole('status');
  await expect(status).toContainText('scan.txt could not be imported');
  // Still the first-start screen: nothing was half-imported.
  await expect(page.getByRole('button', { name: 'Open the welcome guide' })).toBeVisible();
});
