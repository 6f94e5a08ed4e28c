import { expect, importThroughChooser, paintedHighlights, test } from './fixtures';

const NOTES = `# Field notes on reading

Some *emphasis*, some **strong words** and \`inline code\`, and a [link to the source](https://example.org/report).

## Method

1. Read once without marking.
2. Read again and highlight.

- a bullet
- another bullet

> A quoted line that matters.

\`\`\`
const wrapped = true; // code keeps its lines
\`\`\`
`;

test('a Markdown file dropped on the library is rendered with its structure', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await expect(page.getByRole('button', { name: 'Open the welcome guide' })).toBeVisible();

  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'field-notes.md', { type: 'text/markdown' }));
    return dt;
  }, NOTES);
  await page.getByRole('main').dispatchEvent('dragover', { dataTransfer });
  await page.getByRole('main').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('status')).toContainText('1 document imported.');

  await page.getByRole('button', { name: 'Field notes on reading' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Field notes on reading');
  const article = page.getByRole('article');
  // The title is shown once: the file's own "# Field notes on reading" is not repeated under it.
  await expect(article.getByText('Field notes on reading', { exact: true }).filter({ visible: true })).toHaveCount(1);
  // The document's own headings sit one level below the page title, which stays the only h1.
  await expect(article.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(article.getByRole('heading', { level: 3, name: 'Method' })).toBeVisible();
  await expect(article.getByRole('list')).toHaveCount(2);
  await expect(article.getByRole('listitem')).toHaveCount(4);
  await expect(article.getByRole('blockquote')).toHaveText('A quoted line that matters.');
  await expect(article.getByRole('emphasis')).toHaveText('emphasis');
  await expect(article.getByRole('strong')).toHaveText('strong words');
  await expect(article.getByRole('code').filter({ hasText: 'inline code' })).toBeVisible();

  // Links open only after the user agrees; declining leaves the page where it is.
  const link = article.getByRole('link', { name: 'link to the source' });
  await expect(link).toHaveAttribute('href', 'https://example.org/report');
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await link.click();
  expect(asked).toContain('https://example.org/report');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Field notes on reading');

  // A highlight across inline marks covers exactly the selected text.
  const paragraph = article.getByText('Some emphasis, some strong words');
  await paragraph.selectText();
  await page.getByRole('toolbar', { name: 'Highlight selection' }).getByRole('button', { name: 'Highlight blue' }).click();
  const items = page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem').getByRole('button');
  await expect(items).toHaveCount(1);
  const paragraphText = ((await paragraph.textContent()) ?? '').trim();
  await expect.poll(async () => (await paintedHighlights(page))['gloss-blue']).toEqual([paragraphText]);
  await expect(items.first()).toContainText(paragraphText.slice(0, 60));
});

test('a note that is only its headline still shows its text', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [
    { name: 'reminder.txt', mimeType: 'text/plain', buffer: Buffer.from('Call the harbour master about the tide tables\n') },
  ]);
  await page.getByRole('button', { name: 'Call the harbour master about the tide tables' }).click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('Call the harbour master about the tide tables');
  // the body repeats the title, and here that is the whole text: it stays visible
  await expect(article.getByText('Call the harbour master about the tide tables', { exact: true }).filter({ visible: true })).toHaveCount(2);
});
