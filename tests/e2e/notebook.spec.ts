// The notebook (issue 8): every highlight of the library in one list, each filter, the search box,
// ticking a range and copying it as Markdown, saving it as a file, and opening a highlight in its
// document.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { callApi, expect, importThroughChooser, test, type GlossServer } from './fixtures';

const HARBOUR = 'Harbour notes\n\nThe tide came in faster than the charts said; the trawlers stayed in port.\n\nGulls circled the café at noon.\n';
const ORCHARD = 'Orchards of Kent\n\nThe apple harvest was early this year, and the cider presses ran all night.\n';

const file = (name: string, text: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

/** Highlights made through the API, as another program would: the notebook is what is under test. */
async function highlight(gloss: GlossServer, documentId: string, phrase: string, color: string, extra: { note?: string; tags?: string[] } = {}) {
  const { text } = (await callApi(gloss, 'document:get', { id: documentId })) as { text: string };
  const start = text.indexOf(phrase);
  await callApi(gloss, 'highlight:create', { documentId, start, end: start + phrase.length, color, ...extra });
}

/** A day in the browser's (and this machine's) time zone, as a date field takes it. */
function day(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function setUp(page: Page, gloss: GlossServer) {
  await page.goto(gloss.url);
  await importThroughChooser(page, [file('harbour.txt', HARBOUR), file('orchard.txt', ORCHARD)]);
  await expect(page.getByRole('button', { name: 'Orchards of Kent' })).toBeVisible();
  const docs = (await callApi(gloss, 'library:list', {})) as { id: string; title: string }[];
  const harbour = docs.find((d) => d.title === 'Harbour notes')!.id;
  const orchard = docs.find((d) => d.title === 'Orchards of Kent')!.id;
  await highlight(gloss, harbour, 'The tide came in', 'yellow', { note: 'A quixotical **remark**', tags: ['sea'] });
  await highlight(gloss, harbour, 'Gulls circled the café', 'blue', { tags: ['birds'] });
  await highlight(gloss, orchard, 'apple harvest', 'green', { tags: ['sea'] });
  await highlight(gloss, orchard, 'cider presses', 'yellow');
}

test('the notebook filters, searches, copies and exports Markdown, and opens a highlight in its document', async ({ page, gloss }) => {
  await setUp(page, gloss);
  await page.getByRole('button', { name: 'Notebook' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notebook' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Highlights' });
  const rows = list.getByRole('listitem');
  const quotes = () => rows.getByRole('button').allTextContents();
  await expect(rows).toHaveCount(4);
  await expect(page.getByText('4 highlights', { exact: true })).toBeVisible();

  // Each filter narrows the list; "All …" and Clear filters bring everything back.
  await page.getByLabel('Sort').selectOption({ label: 'By document' });
  await expect.poll(quotes).toEqual(['The tide came in', 'Gulls circled the café', 'apple harvest', 'cider presses']);
  await page.getByLabel('Tag').selectOption({ label: 'sea (2)' });
  await expect.poll(quotes).toEqual(['The tide came in', 'apple harvest']);
  await page.getByLabel('Tag').selectOption({ label: 'All tags' });
  await page.getByRole('checkbox', { name: /^Yellow/ }).check();
  await expect.poll(quotes).toEqual(['The tide came in', 'cider presses']);
  await page.getByRole('checkbox', { name: /^Blue/ }).check();
  await expect.poll(quotes).toEqual(['The tide came in', 'Gulls circled the café', 'cider presses']);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(4);
  // (the Document field suggests titles as you type; a whole title chooses that document)
  const documentField = page.getByRole('combobox', { name: 'Document' });
  await documentField.fill('Orchards of Kent');
  await expect.poll(quotes).toEqual(['apple harvest', 'cider presses']);
  await documentField.fill('');
  await page.getByLabel('From').fill(day(1));
  await expect(page.getByText('No highlights match these filters.')).toBeVisible();
  await page.getByLabel('From').fill(day(0));
  await expect(rows).toHaveCount(4);
  await page.getByLabel('To').fill(day(-1));
  await expect(page.getByText('No highlights match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(4);

  // The search box finds quotes and notes, ignoring case and accents.
  const search = page.getByRole('searchbox', { name: 'Search highlights' });
  await search.fill('CAFE');
  await expect.poll(quotes).toEqual(['Gulls circled the café']);
  await search.fill('quixotical');
  await expect.poll(quotes).toEqual(['The tide came in']);
  await search.fill('');
  await expect(rows).toHaveCount(4);

  // Tick one, shift-click another: the range between is ticked; copy it as Markdown.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('checkbox', { name: 'Select “The tide came in”' }).check();
  await page.getByRole('checkbox', { name: 'Select “apple harvest”' }).click({ modifiers: ['Shift'] });
  await expect(page.getByText('3 of 4 highlights selected')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select “Gulls circled the café”' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select “cider presses”' })).not.toBeChecked();
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Copied 3 highlights as Markdown.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    [
      '## Harbour notes',
      '> The tide came in',
      '*Yellow* · #sea',
      'A quixotical **remark**',
      '> Gulls circled the café',
      '*Blue* · #birds',
      '## Orchards of Kent',
      '> apple harvest',
      '*Green* · #sea\n',
    ].join('\n\n'),
  );

  // Select all that match, then untick one: the export holds the rest, as a .md file.
  await page.getByRole('checkbox', { name: 'Select all that match' }).check();
  await expect(page.getByText('4 of 4 highlights selected')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select “Gulls circled the café”' }).uncheck();
  await expect(page.getByRole('checkbox', { name: 'Select all that match' })).not.toBeChecked();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown…' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('Gloss notebook.md');
  const exported = await readFile((await saved.path())!, 'utf8');
  expect(exported).toContain('> cider presses');
  expect(exported).toContain('> The tide came in');
  expect(exported).not.toContain('Gulls');

  // A click on a highlight opens its document there, with that highlight selected.
  await rows.filter({ hasText: 'Gulls circled the café' }).getByText('Harbour notes').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour notes' })).toBeVisible();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await expect(editor).toBeVisible();
  await expect(editor.getByRole('blockquote')).toHaveText('Gulls circled the café');
  await expect(editor.getByRole('radio', { name: 'Blue' })).toBeChecked();
  await expect(page.getByRole('article').getByText('Gulls circled the café')).toBeInViewport();

  // Back goes to the notebook, as it was left.
  await page.getByRole('button', { name: 'Back to notebook' }).click();
  await expect(page.getByLabel('Sort')).toHaveValue('document');
  await expect(rows).toHaveCount(4);
});

test('the notebook is a keyboard list: arrows move between rows, Space ticks, Enter opens', async ({ page, gloss }) => {
  await setUp(page, gloss);
  await page.getByRole('button', { name: 'Notebook' }).click();
  await page.getByLabel('Sort').selectOption({ label: 'By document' });
  const first = page.getByRole('checkbox', { name: 'Select “The tide came in”' });
  await expect(first).toBeVisible();
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('checkbox', { name: 'Select “Gulls circled the café”' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Select “Gulls circled the café”' })).toBeChecked();
  await page.keyboard.press('End');
  await expect(page.getByRole('checkbox', { name: 'Select “cider presses”' })).toBeFocused();
  // Shift+Space ticks every one from the last ticked
  await page.keyboard.press('Shift+Space');
  await expect(page.getByText('3 of 4 highlights selected')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select “apple harvest”' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'cider presses' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: 'apple harvest' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Orchards of Kent' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('blockquote')).toHaveText('apple harvest');
});

test('a long notebook keeps only the rows near the screen in the page and fetches the others as it scrolls', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
  await importThroughChooser(page, [file('long.txt', `A long read\n\n${words}\n`)]);
  await expect(page.getByRole('button', { name: 'A long read' })).toBeVisible();
  const [doc] = (await callApi(gloss, 'library:list', {})) as { id: string }[];
  const { text } = (await callApi(gloss, 'document:get', { id: doc!.id })) as { text: string };
  for (let i = 0; i < 250; i++) {
    const start = text.indexOf(`word${i} `);
    await callApi(gloss, 'highlight:create', { documentId: doc!.id, start, end: start + `word${i}`.length, color: 'blue' });
  }
  await page.getByRole('button', { name: 'Notebook' }).click();
  await page.getByLabel('Sort').selectOption({ label: 'By document' });
  const list = page.getByRole('list', { name: 'Highlights' });
  await expect(list.getByRole('button', { name: 'word0', exact: true })).toBeVisible();
  await expect(page.getByText('250 highlights', { exact: true })).toBeVisible();
  expect(await list.getByRole('listitem').count()).toBeLessThan(60);
  await list.getByRole('checkbox', { name: 'Select “word0”' }).focus();
  await page.keyboard.press('End');
  await expect(list.getByRole('checkbox', { name: 'Select “word249”' })).toBeFocused();
  await expect(list.getByRole('button', { name: 'word249', exact: true })).toBeInViewport();
  expect(await list.getByRole('listitem').count()).toBeLessThan(60);
  await expect(list.getByRole('listitem').last()).toHaveAttribute('aria-posinset', '250');
});
