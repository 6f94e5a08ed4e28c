// Accessibility (issue 7): axe finds no violations on the reader, with each of its panels, dialogs and
// menus open, nor on the Trash view, nor on the notebook and search results (issue 8).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { callApi, dragSelect, expect, importThroughChooser, test } from './fixtures';

async function violations(page: Page, state: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${state}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const BOOK = [
  'Field notes from the coast',
  'CHAPTER 1',
  'The tide came in faster than the charts said, and we moved the instruments twice before noon.',
  'CHAPTER 2',
  'By evening the wind had turned, and the gulls went quiet. Nobody could say why the café closed early.',
].join('\n\n');

test('the reader has no accessibility violations, with each panel, dialog and menu open, nor has the Trash', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(`${BOOK}\n`) }]);
  await page.getByRole('button', { name: 'Field notes from the coast' }).click();
  const article = page.getByRole('article');
  await expect(article.getByText('The tide came in')).toBeVisible();
  const found: string[] = [];
  found.push(...(await violations(page, 'reader')));

  await page.getByRole('button', { name: 'Contents' }).click();
  await expect(page.getByRole('navigation', { name: 'Contents' })).toBeVisible();
  found.push(...(await violations(page, 'contents open')));

  await page.keyboard.press('Control+f');
  await page.getByRole('searchbox', { name: 'Find in document' }).fill('cafe');
  await expect(page.getByRole('search', { name: 'Find in document' }).getByRole('status')).toHaveText('1 of 1');
  found.push(...(await violations(page, 'find open')));
  await page.getByRole('searchbox', { name: 'Find in document' }).press('Escape');

  await dragSelect(page, article.getByText('The tide came in'), 0, 20);
  await page.getByRole('toolbar', { name: 'Highlight selection' }).getByRole('button', { name: 'Highlight green' }).click();
  const item = page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem').getByRole('button').first();
  await item.click();
  await expect(page.getByRole('dialog', { name: 'Edit highlight' })).toBeVisible();
  found.push(...(await violations(page, 'highlight editor open')));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Reading settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible();
  found.push(...(await violations(page, 'reading settings open')));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  found.push(...(await violations(page, 'keyboard shortcuts open')));
  await page.keyboard.press('Escape');

  await article.getByText('The tide came in').click({ button: 'right', position: { x: 8, y: 8 } });
  await expect(page.getByRole('menu', { name: 'Highlight' })).toBeVisible();
  found.push(...(await violations(page, 'highlight menu open')));
  await page.keyboard.press('Escape');

  // The library's Trash view, with a document in it.
  await page.getByRole('button', { name: 'Delete document' }).click();
  await page.getByRole('alertdialog', { name: 'Delete this document?' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: /^Trash/ }).click();
  await expect(page.getByRole('button', { name: /Restore/ }).first()).toBeVisible();
  found.push(...(await violations(page, 'trash view')));

  expect(found).toEqual([]);
});

test('the notebook has no accessibility violations, with its filters set and a highlight ticked', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(`${BOOK}\n`) }]);
  await expect(page.getByRole('button', { name: 'Field notes from the coast' })).toBeVisible();
  const [doc] = (await callApi(gloss, 'library:list', {})) as { id: string }[];
  const { text } = (await callApi(gloss, 'document:get', { id: doc!.id })) as { text: string };
  for (const [phrase, color] of [
    ['The tide came in', 'pink'],
    ['the gulls went quiet', 'purple'],
  ] as const) {
    const start = text.indexOf(phrase);
    await callApi(gloss, 'highlight:create', {
      documentId: doc!.id,
      start,
      end: start + phrase.length,
      color,
      note: 'Why *this* matters',
      tags: ['coast'],
    });
  }
  await page.getByRole('button', { name: 'Notebook' }).click();
  await page.getByRole('checkbox', { name: 'Select “The tide came in”' }).check();
  await page.getByRole('checkbox', { name: /^Pink/ }).check();
  await page.getByLabel('Tag').selectOption({ label: 'coast (2)' });
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(1);
  expect(await violations(page, 'notebook')).toEqual([]);
});

test('search results have no accessibility violations: documents with marked passages, highlights and notes, did you mean', async ({
  page,
  gloss,
}) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(`${BOOK}\n`) }]);
  await expect(page.getByRole('button', { name: 'Field notes from the coast' })).toBeVisible();
  const [doc] = (await callApi(gloss, 'library:list', {})) as { id: string }[];
  const { text } = (await callApi(gloss, 'document:get', { id: doc!.id })) as { text: string };
  const start = text.indexOf('the gulls went quiet');
  await callApi(gloss, 'highlight:create', { documentId: doc!.id, start, end: start + 20, color: 'yellow', note: 'The *gulls* again' });
  await callApi(gloss, 'document:setNote', { id: doc!.id, note: 'Gulls and tides, for Tuesday.' });
  const search = page.getByRole('searchbox', { name: 'Search library' });
  await search.fill('gulls');
  await expect(page.getByRole('region', { name: /^Highlights and notes/ }).getByRole('button')).toHaveCount(2);
  const found = await violations(page, 'search results');
  await search.fill('gullz ');
  await expect(page.getByRole('button', { name: 'gulls', exact: true })).toBeVisible();
  found.push(...(await violations(page, 'did you mean')));
  expect(found).toEqual([]);
});
