import path from 'node:path';
import { dragSelect, expect, importThroughChooser, paintedHighlights, seedsDir, test } from './fixtures';

const TITLE = 'Moscow says that risks from militant groups worldwide have not gone away';

test('select, highlight in two overlapping colours, annotate, and find it all after a reload', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [path.join(seedsDir, '004_8857d8e3aa01ed9b.txt')]);
  await page.getByRole('button', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  const panel = page.getByRole('complementary', { name: 'Highlights' });
  const items = panel.getByRole('listitem').getByRole('button');
  const toolbar = page.getByRole('toolbar', { name: 'Highlight selection' });
  const first = page.getByRole('article').getByText('Terrorism threats in unstable regions');
  const second = page.getByRole('article').getByText('Speaking to RIA Novosti on Wednesday');

  // 1. A passage near the end of the first paragraph, dragged with the mouse: yellow.
  const firstText = (await first.textContent()) ?? '';
  const from = firstText.indexOf('Moscow has cautioned');
  const quoteA = await dragSelect(page, first, from, firstText.length);
  await expect(toolbar).toBeVisible();
  await page.screenshot({ path: '/tmp/gloss-toolbar.png' });
  await toolbar.getByRole('button', { name: 'Highlight yellow' }).click();
  await expect(toolbar).toBeHidden();
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(quoteA.slice(0, 40));

  // 2. An overlapping passage: from inside the yellow one into the next paragraph, green.
  const overlapFrom = firstText.indexOf('speculating');
  const secondText = (await second.textContent()) ?? '';
  await second.scrollIntoViewIfNeeded();
  const start = await first.evaluate((el, k) => {
    const t = el.firstChild as Text;
    const r = document.createRange();
    r.setStart(t, k);
    r.setEnd(t, k + 1);
    const b = r.getClientRects()[0]!;
    return { x: b.left + 1, y: b.top + b.height / 2 };
  }, overlapFrom);
  const endWord = 'Syromolotov';
  const endAt = secondText.indexOf(endWord) + endWord.length;
  const end = await second.evaluate((el, k) => {
    const t = el.firstChild as Text;
    const r = document.createRange();
    r.setStart(t, k - 1);
    r.setEnd(t, k);
    const b = r.getClientRects()[0]!;
    return { x: b.right - 1, y: b.top + b.height / 2 };
  }, endAt);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 10 });
  await page.mouse.up();
  await toolbar.getByRole('button', { name: 'Highlight green' }).click();
  await expect(items).toHaveCount(2);

  // Both are drawn on the text, overlapping, each in its own colour.
  const painted = await paintedHighlights(page);
  expect(painted['gloss-yellow']).toEqual([quoteA]);
  expect(painted['gloss-green']).toHaveLength(1);
  expect(painted['gloss-green']![0]).toContain('speculating');
  expect(painted['gloss-green']![0]).toContain(secondText.slice(0, endAt));

  await page.screenshot({ path: '/tmp/gloss-reader-highlights.png' });

  // 3. Open the first from the panel; note and tags.
  await items.first().click();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await expect(editor).toBeVisible();
  await expect(editor).toContainText(quoteA.slice(0, 40));
  await expect(editor.getByRole('radio', { name: 'Yellow' })).toBeChecked();
  const note = 'Compare with the *TASS* report — Africa as the next front.';
  await editor.getByLabel('Note', { exact: true }).fill(note);
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.getByLabel('Tags', { exact: true }).fill('method, to read');
  await editor.getByLabel('Tags', { exact: true }).press('Enter');
  await expect(editor.getByRole('button', { name: 'Remove tag method' })).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Remove tag to read' })).toBeVisible();
  await expect(items.first()).toContainText('#method');
  await expect(items.first()).toContainText('Compare with the');
  await page.screenshot({ path: '/tmp/gloss-reader-editor.png' });
  await editor.getByRole('button', { name: 'Close' }).click();
  await expect(editor).toBeHidden();

  // 4. Reload: everything is still there.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('#method');
  await expect(items.first()).toContainText('#to read');
  await expect.poll(async () => (await paintedHighlights(page))['gloss-yellow']).toEqual([quoteA]);

  // Clicking the yellow-only part of the text opens that highlight's editor.
  const yellowOnly = await first.evaluate((el, k) => {
    const t = el.firstChild as Text;
    const r = document.createRange();
    r.setStart(t, k);
    r.setEnd(t, k + 1);
    const b = r.getClientRects()[0]!;
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }, from + 2);
  await page.mouse.click(yellowOnly.x, yellowOnly.y);
  await expect(editor).toBeVisible();
  // The note is shown rendered (Markdown), not as raw asterisks.
  await expect(editor.getByRole('group', { name: 'Note' }).locator('em')).toHaveText('TASS');
  await expect(editor.getByRole('button', { name: 'Remove tag to read' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // Delete the green one from its editor, then undo.
  await items.nth(1).click();
  await expect(editor.getByRole('radio', { name: 'Green' })).toBeChecked();
  await editor.getByRole('button', { name: 'Delete highlight' }).click();
  await expect(items).toHaveCount(1);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(items).toHaveCount(2);
});

test('"Add note" highlights the selection and puts the cursor in the note', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [path.join(seedsDir, '003_dfd9ae4badcd4041.txt')]);
  await page.getByRole('table', { name: 'Documents' }).getByRole('button').first().click();
  const paragraph = page.getByRole('article').getByText('Through joint efforts');
  await paragraph.selectText();
  const toolbar = page.getByRole('toolbar', { name: 'Highlight selection' });
  await toolbar.getByRole('button', { name: 'Add note' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await expect(editor.getByLabel('Note', { exact: true })).toBeFocused();
  await page.keyboard.type('22 cells: check the source.');
  await editor.getByRole('radio', { name: 'Purple' }).check();
  await editor.getByLabel('Note', { exact: true }).blur();
  const item = page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem').getByRole('button');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('22 cells: check the source.');
  await page.reload();
  await expect(item).toContainText('22 cells: check the source.');
  await expect.poll(async () => (await paintedHighlights(page))['gloss-purple']?.length).toBe(1);
});

test('with text selected, number keys highlight in a colour and N adds a note', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [path.join(seedsDir, '004_8857d8e3aa01ed9b.txt')]);
  await page.getByRole('table', { name: 'Documents' }).getByRole('button').first().click();
  const toolbar = page.getByRole('toolbar', { name: 'Highlight selection' });
  await expect(toolbar).toHaveCount(0);

  await dragSelect(page, page.getByRole('article').getByText('Speaking to RIA Novosti'), 0, 22);
  await expect(toolbar.getByRole('button', { name: 'Highlight blue' })).toHaveAttribute('aria-keyshortcuts', '3');
  await page.keyboard.press('3');
  const items = page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect.poll(async () => (await paintedHighlights(page))['gloss-blue']).toEqual(['Speaking to RIA Novost']);

  await dragSelect(page, page.getByRole('article').getByText('The official went on to add'), 0, 12);
  await expect(toolbar).toBeVisible(); // the shortcuts belong to the toolbar of a selection
  await page.keyboard.press('n');
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await expect(editor.getByLabel('Note', { exact: true })).toBeFocused();
  // typed into the note, not taken as another shortcut
  await page.keyboard.type('1 note');
  await expect(editor.getByLabel('Note', { exact: true })).toHaveValue('1 note');
  await expect(items).toHaveCount(2);
});
