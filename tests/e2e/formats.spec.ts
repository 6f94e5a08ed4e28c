// Real documents in, in browser mode: a PDF, an EPUB and a saved web page imported through the file
// chooser and read; a folder dropped on the window walked, its junk ignored and its other files named.
import { book, xhtml } from '../unit/helpers/epub-books';
import { buildArticle } from '../unit/helpers/pdf-fixtures';
import { expect, importThroughChooser, test } from './fixtures';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Night ferries | Harbour Weekly</title>
<meta name="author" content="Ines Calder"></head><body>
<nav><a href="/">Home</a> <a href="/ports">Ports</a> <a href="/subscribe">Subscribe now</a></nav>
<article><h1>Night ferries</h1>
<p>The last ferry of the night leaves at a quarter to one, and most of its passengers are asleep before it clears the breakwater.</p>
<h2>The crew</h2>
<p>The crew know the regulars by name: the baker who goes over for the early market, the nurse coming home from a double shift.</p>
<figure><img src="https://cdn.example.com/ferry.jpg" alt="The ferry at its berth"><figcaption>The ferry at its berth, before the last crossing.</figcaption></figure>
<table><thead><tr><th>Day</th><th>Last ferry</th></tr></thead><tbody><tr><td>Friday</td><td>00:45</td></tr><tr><td>Saturday</td><td>01:30</td></tr></tbody></table>
</article><aside><h2>Related stories</h2><a href="/x">Ten ports to see</a></aside><footer>© Harbour Weekly</footer></body></html>`;

const CHAPTERS = [
  {
    id: 'c1',
    href: 'c1.xhtml',
    title: 'The Lamp Room',
    body: '<h1>The Lamp Room</h1><p>The keeper climbed the stair at dusk and trimmed the wick.</p>',
  },
  { id: 'c2', href: 'c2.xhtml', title: 'A Ship in Fog', body: '<h1>A Ship in Fog</h1><p>At midnight a ship sounded its horn beyond the reef.</p>' },
];

test('a PDF, an EPUB and a saved web page are imported and read', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [
    { name: 'field-note.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await buildArticle()) },
    {
      name: 'lantern.epub',
      mimeType: 'application/epub+zip',
      buffer: Buffer.from(
        book(
          CHAPTERS.map((c) => ({ ...c, body: xhtml(c.title, c.body) })),
          { title: 'The Lantern Keeper', creators: [{ name: 'Ada Rowe' }] },
        ),
      ),
    },
    { name: 'Night ferries.html', mimeType: 'text/html', buffer: Buffer.from(PAGE) },
  ]);
  await expect(page.getByRole('status')).toContainText('3 documents imported.');
  const article = page.getByRole('article');

  // The PDF: its title from its metadata, paragraphs joined across lines, its pages marked.
  await page.getByRole('button', { name: 'Tides and Small Boats: A Field Note' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tides and Small Boats: A Field Note');
  await expect(page.getByText('Mara Quill')).toBeVisible();
  await expect(article.getByRole('heading', { name: 'What the Tide Leaves' })).toBeVisible();
  await expect(article).toContainText('gathers every spring from international waters');
  await expect(article).not.toContainText('The Quiet Harbour Review — Spring Issue');
  await page.getByRole('button', { name: 'Back to library' }).click();

  // The EPUB: its chapters in order, each a section with its heading.
  await page.getByRole('button', { name: 'The Lantern Keeper' }).click();
  await expect(page.getByText('Ada Rowe')).toBeVisible();
  await expect(article.getByRole('heading', { name: 'The Lamp Room' })).toBeVisible();
  await expect(article.getByRole('heading', { name: 'A Ship in Fog' })).toBeVisible();
  await expect(article).toContainText('At midnight a ship sounded its horn beyond the reef.');
  await page.getByRole('button', { name: 'Back to library' }).click();

  // The web page: the article only, its table a table, its remote image a placeholder with its caption.
  await page.getByRole('button', { name: 'Night ferries' }).click();
  await expect(page.getByText('Ines Calder')).toBeVisible();
  await expect(article.getByRole('heading', { name: 'The crew' })).toBeVisible();
  await expect(article.getByRole('table').getByRole('columnheader', { name: 'Last ferry' })).toBeVisible();
  await expect(article.getByRole('table').getByRole('cell', { name: '01:30' })).toBeVisible();
  await expect(article).toContainText('The ferry at its berth, before the last crossing.');
  await expect(article.locator('img')).toHaveCount(0);
  await expect(article).not.toContainText(/Subscribe now|Related stories|Ten ports/);
});

test('a folder dropped on the window is walked: its documents imported, junk ignored, other files named', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await expect(page.getByRole('button', { name: 'Open the welcome guide' })).toBeVisible();
  // A drop of a folder, as the browser hands it over: entries to walk (built in the page).
  const dataTransfer = await page.evaluateHandle(() => {
    const file = (path: string, text: string) => {
      const name = path.split('/').pop()!;
      return { isFile: true, isDirectory: false, name, fullPath: `/${path}`, file: (ok: (f: File) => void) => ok(new File([text], name)) };
    };
    const folder = (path: string, children: object[]) => ({
      isFile: false,
      isDirectory: true,
      name: path.split('/').pop()!,
      fullPath: `/${path}`,
      createReader: () => {
        let given = false;
        return {
          readEntries: (ok: (entries: object[]) => void) => {
            ok(given ? [] : children);
            given = true;
          },
        };
      },
    });
    const trip = folder('Trip', [
      file('Trip/day-1.txt', 'Day one on the coast\n\nWe walked from the harbour to the lighthouse and back before the rain.\n'),
      file('Trip/.DS_Store', 'junk'),
      file('Trip/photo.jpg', 'not read'),
      folder('Trip/notes', [
        file('Trip/notes/tides.md', '# Tide tables\n\nHigh water at six, low water at noon.\n'),
        file('Trip/notes/Thumbs.db', 'junk'),
      ]),
    ]);
    const items = [{ kind: 'file', webkitGetAsEntry: () => trip, getAsFile: () => null }];
    return { types: ['Files'], files: [], items, dropEffect: 'copy' };
  });
  const main = page.getByRole('main');
  await main.evaluate((el, dt) => {
    for (const type of ['dragover', 'drop']) {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: dt });
      el.dispatchEvent(event);
    }
  }, dataTransfer);
  await expect(page.getByRole('status')).toContainText('2 documents imported, 1 file of other types left alone (1 .jpg).');
  await expect(page.getByRole('button', { name: 'Day one on the coast' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tide tables' })).toBeVisible();
});
