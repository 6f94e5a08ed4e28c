// One search box over documents, highlights and notes (issue 8): a phrase across a wrapped line, a
// Japanese word inside a run, a highlight's note, a tag, a misspelling; each result opens where it is.
import { callApi, expect, importThroughChooser, test } from './fixtures';

const file = (name: string, text: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

test('finds a phrase, a Japanese word, a note and a tag, and opens each result where it is', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [
    // hard-wrapped: the phrase "tide came in" spans a line break
    file('harbour.txt', 'Harbour notes\n\nAt six the tide came\nin faster than the charts said, and the trawlers\nstayed in port all day.\n'),
    // the same words, never together
    file('orchard.txt', 'Orchards of Kent\n\nIn the evening came the pickers, a tide of them, with apples and quinces for the market.\n'),
    file('tokyo.txt', '東京日記\n\n私は東京都に住んでいます。毎朝、港まで歩きます。\n'),
  ]);
  const table = page.getByRole('table', { name: 'Documents' });
  const titles = table.getByRole('row').getByRole('button');
  await expect(titles).toHaveCount(3);
  const search = page.getByRole('searchbox', { name: 'Search library' });

  // A quoted phrase matches only where its words follow one another, across the line break.
  await search.fill('"tide came in"');
  await expect(titles).toHaveCount(1);
  await expect(titles.first()).toHaveText('Harbour notes');
  await expect(table.locator('.snippet mark')).toHaveText(['tide', 'came', 'in', 'in']); // every matched word, "in port" too
  await search.fill('tide came in ');
  await expect(titles).toHaveCount(2);

  // A Japanese word in the middle of a run of characters, and the result opens.
  await search.fill('京都');
  await expect(titles).toHaveCount(1);
  await titles.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('東京日記');
  await page.getByRole('button', { name: 'Back to library' }).click();
  await expect(search).toHaveValue('京都');

  // A highlight's note is a result of its own, and opens the reader at that highlight.
  const docs = (await callApi(gloss, 'library:list', {})) as { id: string; title: string }[];
  const orchard = docs.find((d) => d.title === 'Orchards of Kent')!.id;
  const { text } = (await callApi(gloss, 'document:get', { id: orchard })) as { text: string };
  const start = text.indexOf('apples and quinces');
  const highlight = (await callApi(gloss, 'highlight:create', {
    documentId: orchard,
    start,
    end: start + 'apples and quinces'.length,
    color: 'green',
    note: 'Ask the grocer about **medlars** too.',
  })) as { id: string };
  await search.fill('medlars');
  const marks = page.getByRole('region', { name: /^Highlights and notes/ });
  const hit = marks.getByRole('button');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('Green highlight · Orchards of Kent');
  await expect(hit).toContainText('apples and quinces');
  await expect(hit.locator('mark')).toHaveText(['medlars']);
  await expect(page.getByText('Nothing matches')).toHaveCount(0);
  await hit.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Orchards of Kent');
  expect(page.url()).toContain(`highlight=${highlight.id}`);
  await expect(page.getByRole('group', { name: 'Note' }).getByText('medlars')).toBeVisible();
  await page.getByRole('button', { name: /^Back to/ }).click();

  // A tag narrows the words, or lists what carries it.
  await callApi(gloss, 'document:setTags', { id: orchard, tags: ['Fruit'] });
  await search.fill('#fruit');
  await expect(titles).toHaveCount(1);
  await expect(titles.first()).toHaveText('Orchards of Kent');
  await search.fill('tide tag:fruit');
  await expect(titles).toHaveCount(1);
  await search.fill('tide -fruit -apples');
  await expect(titles).toHaveCount(1);
  await expect(titles.first()).toHaveText('Harbour notes');

  // A misspelling offers the word as the library writes it.
  await search.fill('quinses ');
  await expect(page.getByText('Nothing matches “quinses”.')).toBeVisible();
  await page.getByRole('button', { name: 'quinces', exact: true }).click();
  await expect(search).toHaveValue('quinces ');
  await expect(titles).toHaveCount(1);
  await expect(marks.getByRole('button')).toHaveCount(1);
});
