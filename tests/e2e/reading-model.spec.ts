// The reader shows every kind of block as its author meant: tables as tables (highlightable across
// cells), task lists, nested quotes, in-document links that move the view, verse with its line breaks,
// and "Reopen with encoding…" for a file whose letters came out wrong.
import type { Page } from '@playwright/test';
import { callApi, dragSelect, expect, importThroughChooser, paintedHighlights, test, type GlossServer } from './fixtures';

const filler = Array.from(
  { length: 24 },
  (_, i) =>
    `Survey entry ${i + 1}: the morning boats went out past the breakwater, the crews logged wind, swell and the colour of the water, and the harbour office filed it all before noon.`,
).join('\n\n');

const SURVEY = `# Harbour survey notes

Before the figures, see [the tide table](#tide-table) at the end.

## Tasks

- [x] Count the moored boats
- [ ] Measure the north pier

> The harbour master said the pier was older than the town.
>
> > His grandmother had told him the stones came from the old chapel.

${filler}

## Tide table

| Day | High water | Low water |
| --- | --- | --- |
| Monday | 06:10 | 12:25 |
| Tuesday | 06:55 | 13:10 |

The table is for the spring tides only.
`;

const POEM = `The Lantern Keeper

The keeper climbs at evening,
    his lantern swinging low;
the gulls fold up their shadows
    above the boats below.

He counts the ships returning,
    he counts the ones that stay,
and every name he whispers
    the tide will take away.
`;

function documentIdOf(page: Page): string {
  const match = /#\/?doc\/([A-Za-z0-9_-]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`not in a document: ${page.url()}`);
  return match[1];
}

/**
 * The invariant the anchoring depends on: every rendered block holds exactly its slice of the
 * canonical text (its own text nodes, not those of a block inside it).
 */
async function expectBlocksHoldTheirTextOf(page: Page, text: string): Promise<void> {
  const blocks = await page.locator('.document-body').evaluate((body) =>
    Array.from(body.querySelectorAll('[data-start]')).map((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let own = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.parentElement?.closest('[data-start]') === el) own += (n as Text).data;
      return { start: Number(el.getAttribute('data-start')), end: Number(el.getAttribute('data-end')), own };
    }),
  );
  expect(blocks.length).toBeGreaterThan(0);
  for (const block of blocks) expect(block.own).toBe(text.slice(block.start, block.end));
}

async function expectBlocksHoldTheirText(page: Page, gloss: GlossServer): Promise<void> {
  const content = (await callApi(gloss, 'document:get', { id: documentIdOf(page) })) as { text: string };
  await expectBlocksHoldTheirTextOf(page, content.text);
}

test('a Markdown survey: a real table highlighted across cells, a task list, nested quotes and a link to a heading', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [{ name: 'harbour-survey.md', mimeType: 'text/markdown', buffer: Buffer.from(SURVEY) }]);
  await page.getByRole('button', { name: 'Harbour survey notes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour survey notes');
  const article = page.getByRole('article');

  // The header says what the file is and how it was decoded.
  await expect(article.getByText('Markdown', { exact: true })).toBeVisible();
  await expect(article.getByRole('button', { name: 'Reopen with encoding…' })).toBeVisible();

  // The table is a table, with its header row as column headers.
  const table = article.getByRole('table');
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText(['Day', 'High water', 'Low water']);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('cell', { name: 'Tuesday' })).toBeVisible();

  // A task list: boxes that show the state, with a name, and no "[x]" in the text.
  const boxes = article.getByRole('checkbox', { name: 'Task' });
  await expect(boxes).toHaveCount(2);
  await expect(boxes.first()).toBeChecked();
  await expect(boxes.nth(1)).not.toBeChecked();
  await expect(boxes.first()).toBeDisabled();
  await expect(article.getByRole('listitem').filter({ hasText: 'Count the moored boats' })).toHaveText('Count the moored boats');

  // Nested quotes keep their depth: the inner quote sits inside the outer one.
  const outer = article.getByRole('blockquote').filter({ hasText: 'The harbour master said' });
  await expect(outer).toHaveCount(1);
  await expect(outer.getByRole('blockquote')).toHaveText('His grandmother had told him the stones came from the old chapel.');

  await expectBlocksHoldTheirText(page, gloss);

  // The in-document link moves the view (and the keyboard focus) to the heading, and stays in the document.
  const heading = article.getByRole('heading', { name: 'Tide table' });
  await expect(heading).not.toBeInViewport();
  const before = page.url();
  await article.getByRole('link', { name: 'the tide table' }).click();
  await expect(heading).toBeInViewport();
  await expect(heading).toBeFocused();
  expect(page.url()).toBe(before);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour survey notes');

  // A highlight dragged across two cells: from inside "Monday" to inside "06:10".
  const tableText = (await table.textContent()) ?? '';
  const from = tableText.indexOf('Monday') + 2;
  const to = tableText.indexOf('06:10') + 3;
  const dragged = await dragSelect(page, table, from, to);
  expect(dragged).toBe('nday\t06:');
  const toolbar = page.getByRole('toolbar', { name: 'Highlight selection' });
  await toolbar.getByRole('button', { name: 'Highlight green' }).click();
  const items = page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem').getByRole('button');
  await expect(items).toHaveCount(1);
  // Painted over both cells, and stored as exactly that span of the canonical text.
  await expect.poll(async () => (await paintedHighlights(page))['gloss-green']).toEqual(['nday\t06:']);
  const [stored] = (await callApi(gloss, 'highlight:list', { documentId: documentIdOf(page) })) as { quote: { exact: string } }[];
  expect(stored?.quote.exact).toBe('nday\t06:');
  // After a reload the highlight is drawn across the cells again.
  await page.reload();
  await expect(page.getByRole('article').getByRole('table')).toBeVisible();
  await expect.poll(async () => (await paintedHighlights(page))['gloss-green']).toEqual(['nday\t06:']);
});

test('a poem in a plain text file keeps its line breaks and indents, in the reading font', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [{ name: 'lantern-keeper.txt', mimeType: 'text/plain', buffer: Buffer.from(POEM) }]);
  await page.getByRole('button', { name: 'The Lantern Keeper' }).click();
  const article = page.getByRole('article');
  const stanza = article.locator('.document-body').getByText('The keeper climbs at evening,');
  await expect(stanza).toBeVisible();
  // What the reader sees: one line per line of the poem, its indents kept.
  const shown = await stanza.evaluate((el) => (el as HTMLElement).innerText);
  expect(shown).toContain('The keeper climbs at evening,\n    his lantern swinging low;\nthe gulls fold up their shadows\n');
  // Verse is not code: no monospace font.
  const font = await stanza.evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font).not.toMatch(/mono/i);
  await expectBlocksHoldTheirText(page, gloss);

  // A highlight across two lines of a stanza keeps the line break in its text.
  const text = (await stanza.textContent()) ?? '';
  const quote = await dragSelect(page, stanza, text.indexOf('evening'), text.indexOf('lantern') + 'lantern'.length);
  expect(quote).toBe('evening,\n    his lantern');
  await page.getByRole('toolbar', { name: 'Highlight selection' }).getByRole('button', { name: 'Highlight yellow' }).click();
  await expect.poll(async () => (await paintedHighlights(page))['gloss-yellow']).toEqual([quote]);
});

test('Reopen with encoding… reads the file again with the chosen encoding', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  // "Café crème au marché" in windows-1252: é and è are single bytes, not UTF-8.
  const latin1 = Buffer.from(
    'Le café du port\n\nLe matin, un café crème au marché, puis la jetée où les pêcheurs réparent leurs filets.\n',
    'latin1',
  );
  await importThroughChooser(page, [{ name: 'cafe-du-port.txt', mimeType: 'text/plain', buffer: latin1 }]);
  await page.getByRole('button', { name: 'Le café du port' }).click();
  const article = page.getByRole('article');
  await expect(article.getByText('un café crème au marché')).toBeVisible();

  await article.getByRole('button', { name: 'Reopen with encoding…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reopen with encoding' });
  await expect(dialog).toBeVisible();
  const select = dialog.getByLabel('Encoding');
  await expect(select).toBeFocused();
  // Read as Cyrillic, the same bytes give other letters (é is й there): the text shown changes.
  await select.selectOption({ label: 'Cyrillic (Windows-1251)' });
  await dialog.getByRole('button', { name: 'Reopen' }).click();
  await expect(dialog).toBeHidden();
  await expect(article.getByText('un cafй crиme au marchй')).toBeVisible();
  await expect(article.getByRole('button', { name: 'Reopen with encoding…' })).toBeFocused();
  await expect(article.getByText('Cyrillic (Windows-1251)')).toBeVisible();

  // And back: the original reading returns.
  await article.getByRole('button', { name: 'Reopen with encoding…' }).click();
  await dialog.getByLabel('Encoding').selectOption({ label: 'Western (Windows-1252, ISO-8859-1)' });
  await dialog.getByRole('button', { name: 'Reopen' }).click();
  await expect(dialog).toBeHidden();
  await expect(article.getByText('un café crème au marché')).toBeVisible();
});

test('an in-document link to a place the document does not have says so and stays put', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  const text = '# Dead ends\n\nThis [link goes nowhere](#no-such-place) on purpose.\n\nA second paragraph.\n';
  await importThroughChooser(page, [{ name: 'dead-ends.md', mimeType: 'text/markdown', buffer: Buffer.from(text) }]);
  await page.getByRole('button', { name: 'Dead ends' }).click();
  const before = page.url();
  await page.getByRole('article').getByRole('link', { name: 'link goes nowhere' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'not in the document' })).toBeVisible();
  expect(page.url()).toBe(before);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dead ends');
});

interface DraftBlock {
  kind: string;
  text: string;
  [field: string]: unknown;
}

/** Blocks laid end to end the way the core does (joined by a blank line), for a reading model made by hand. */
function layOut(drafts: DraftBlock[]): { text: string; blocks: (DraftBlock & { start: number })[] } {
  let offset = 0;
  const blocks = drafts.map((draft, i) => {
    if (i > 0) offset += 2;
    const block = { ...draft, start: offset };
    offset += draft.text.length;
    return block;
  });
  return { text: drafts.map((d) => d.text).join('\n\n'), blocks };
}

// Every block kind the importers can produce, served in place of a real document's reading model, so
// the reader is checked on all of them whichever parsers have landed: figures, verse, text art, pages,
// right-to-left and nested structure.
test('every kind of block is drawn with its own text, its direction and language, and page markers outside the text', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [
    { name: 'placeholder.md', mimeType: 'text/markdown', buffer: Buffer.from('# A placeholder\n\nIts text is replaced below.\n') },
  ]);
  const model = layOut([
    { kind: 'heading', text: 'A placeholder', level: 1 },
    { kind: 'heading', text: 'Harbour at dawn', level: 1, anchor: 'dawn' },
    { kind: 'paragraph', text: 'Boats leave before the light, see the chart below.' },
    { kind: 'image', text: 'The harbour before sunrise', alt: 'Boats tied up along a stone quay', src: 'quay.svg' },
    { kind: 'image', text: 'A photograph that was never saved', src: undefined },
    { kind: 'pre', text: 'The tide goes out,\n    the tide comes in;\nthe boats lean over\n    and stand up again.' },
    { kind: 'pre', text: '┌──────┬──────┐\n│ pier │ quay │\n└──────┴──────┘' },
    { kind: 'paragraph', text: 'يعود الصيادون إلى الميناء في المساء.', dir: 'rtl', language: 'ar' },
    { kind: 'quote', text: 'The harbour master wrote this.', level: 1 },
    { kind: 'quote', text: 'And quoted his predecessor here.', level: 2 },
    { kind: 'code', text: 'tide = moon.pull()', quote: 1 },
    { kind: 'listItem', text: 'third in its list', ordered: true, number: 3 },
    { kind: 'listItem', text: 'fourth in its list', ordered: true, number: 4 },
    { kind: 'table', text: 'Boat\tCrew\nMarguerite\t4\nSeal\t2', head: 1 },
    { kind: 'break', text: '' },
    { kind: 'paragraph', text: 'The end of the survey.' },
  ]);
  const pages = [
    { label: '1', start: 0 },
    { label: '2', start: model.blocks[5]!.start },
    { label: '3', start: model.blocks[13]!.start + 6 },
  ];
  // The reader opens a document by its outline and fetches its blocks in slices: both are served from the model.
  const kinds: Record<string, string> = {
    heading: 'h',
    paragraph: 'p',
    listItem: 'l',
    quote: 'q',
    code: 'c',
    pre: 'r',
    table: 't',
    image: 'i',
    break: 'b',
  };
  await page.route('**/api/document:outline', async (route) => {
    const real = (await (await route.fetch()).json()) as { ok: true; value: { document: Record<string, unknown> } };
    const document = { ...real.value.document, language: 'en', dir: 'ltr', format: 'pdf', author: 'A. Keeper', published: '2024-03-05' };
    const outline = {
      ...real.value,
      document,
      length: model.text.length,
      starts: model.blocks.map((b) => b.start),
      kinds: model.blocks.map((b) => kinds[b.kind]).join(''),
      lines: model.blocks.map((b) => b.text.split('\n').length),
      levels: model.blocks.map((b) => (b.kind === 'heading' ? (b.level ?? 1) : 0)),
      toc: [],
      pages,
    };
    await route.fulfill({ json: { ok: true, value: outline } });
  });
  await page.route('**/api/document:blocks', async (route) => {
    const { from, to } = route.request().postDataJSON() as { from: number; to: number };
    await route.fulfill({ json: { ok: true, value: { blocks: model.blocks.slice(from, to) } } });
  });
  await page.route('**/api/assets/**', (route) =>
    route.fulfill({
      contentType: 'image/svg+xml',
      body: '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#7a9cc6"/></svg>',
    }),
  );
  await page.getByRole('button', { name: 'A placeholder' }).click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { name: 'Harbour at dawn' })).toBeVisible();
  await expectBlocksHoldTheirTextOf(page, model.text);

  // What the document says about itself.
  await expect(article.getByText('By A. Keeper')).toBeVisible();
  await expect(article.getByText(/Published (March 5, 2024|5 March 2024)/)).toBeVisible();
  // A PDF's encoding is inside the file: nothing to reopen.
  await expect(article.getByRole('button', { name: 'Reopen with encoding…' })).toHaveCount(0);

  // The document's language and direction on the body; a block's own where it differs.
  const body = page.locator('.document-body');
  await expect(body).toHaveAttribute('lang', 'en');
  await expect(body).toHaveAttribute('dir', 'ltr');
  const arabic = article.getByText('يعود الصيادون');
  await expect(arabic).toHaveAttribute('dir', 'rtl');
  await expect(arabic).toHaveAttribute('lang', 'ar');

  // A stored image in a figure, its caption the block's text; the anchor's id cannot clash with the app's.
  const figure = article.getByRole('figure', { name: 'The harbour before sunrise' });
  const img = figure.getByRole('img', { name: 'Boats tied up along a stone quay' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(400);
  const imgWidth = await img.evaluate((el) => el.getBoundingClientRect().width);
  const bodyWidth = await body.evaluate((el) => el.getBoundingClientRect().width);
  expect(imgWidth).toBeLessThanOrEqual(bodyWidth);
  await expect(article.getByRole('heading', { name: 'Harbour at dawn' })).toHaveAttribute('id', 'g-dawn');
  // An image Gloss does not have stays a placeholder with its words.
  await expect(article.getByText('A photograph that was never saved')).toBeVisible();

  // Verse keeps the reading font; a drawing in box characters is monospace and never wrapped.
  const verse = article.getByText('The tide goes out,');
  expect(await verse.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/mono/i);
  expect(await verse.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
  const art = article.getByText('│ pier │ quay │');
  expect(await art.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);

  // Quotes nest, and a code block inside a quote is drawn inside it.
  const outer = article.getByRole('blockquote').filter({ hasText: 'The harbour master wrote this.' });
  await expect(outer.getByRole('blockquote')).toHaveText('And quoted his predecessor here.');
  await expect(outer.locator('pre')).toHaveText('tide = moon.pull()');

  // An ordered list keeps its numbers.
  await expect(article.getByRole('listitem').filter({ hasText: 'third in its list' })).toHaveAttribute('value', '3');

  // Page markers are drawn by CSS where a page starts, and are not part of the text.
  const marker = (text: string) => article.getByText(text, { exact: true }).evaluate((el) => getComputedStyle(el, '::before').content);
  expect(await marker('The tide goes out,\n    the tide comes in;\nthe boats lean over\n    and stand up again.')).toBe('"p. 2"');
  expect(await page.locator('.table-frame').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"p. 3"');
});
