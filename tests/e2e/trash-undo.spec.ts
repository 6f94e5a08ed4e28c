// Undo and Redo from the keyboard (the core's history, not the page's), the Trash view, and the
// library's rows: a click anywhere opens, a context menu renames, tags and moves to the Trash.
import path from 'node:path';
import { dragSelect, expect, importThroughChooser, paintedHighlights, seedsDir, test } from './fixtures';

const MOSCOW = 'Moscow says that risks from militant groups worldwide have not gone away';
const CELLS = 'In 2020, 22 terrorist cells were neutralized in the CIS';
const seed = (name: string) => path.join(seedsDir, name);

test('Ctrl+Z undoes a highlight colour change and a highlight delete in the reader, Ctrl+Shift+Z redoes them', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [seed('004_8857d8e3aa01ed9b.txt')]);
  await page.getByRole('button', { name: MOSCOW }).click();
  await expect(page.getByRole('heading', { level: 1, name: MOSCOW })).toBeVisible();

  const items = page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem').getByRole('button');
  // The status line's message (the page may have other live regions).
  const status = page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Dismiss message' }) });
  await dragSelect(page, page.getByRole('article').getByText('Speaking to RIA Novosti on Wednesday'), 0, 30);
  await page.getByRole('toolbar', { name: 'Highlight selection' }).getByRole('button', { name: 'Highlight yellow' }).click();
  await expect(items).toHaveCount(1);

  // A colour change, then Ctrl+Z: the highlight is yellow again, in the editor and on the text.
  await items.first().click();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await editor.getByRole('radio', { name: 'Green' }).check();
  await expect.poll(async () => (await paintedHighlights(page))['gloss-green']?.length ?? 0).toBe(1);
  await page.keyboard.press('Control+z');
  await expect(status).toContainText('Undid highlight colour.');
  await expect(editor.getByRole('radio', { name: 'Yellow' })).toBeChecked();
  await expect.poll(async () => (await paintedHighlights(page))['gloss-yellow']?.length ?? 0).toBe(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(status).toContainText('Redid highlight colour.');
  await expect(editor.getByRole('radio', { name: 'Green' })).toBeChecked();
  await expect.poll(async () => (await paintedHighlights(page))['gloss-green']?.length ?? 0).toBe(1);

  // In a text field the keys are the field's own: the history is untouched, so the next Ctrl+Z outside
  // the field still undoes the colour (not the highlight's creation).
  const tagField = editor.getByRole('textbox', { name: /tag/i }).first();
  await tagField.fill('draft');
  await tagField.press('Control+z');
  await tagField.fill('');
  await editor.getByRole('radio', { name: 'Green' }).focus();
  await page.keyboard.press('Control+z');
  await expect(status).toContainText('Undid highlight colour.');
  await expect(editor.getByRole('radio', { name: 'Yellow' })).toBeChecked();
  await expect(items).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(editor.getByRole('radio', { name: 'Green' })).toBeChecked();

  // A delete, undone with the keys (the same highlight comes back) and made again.
  await editor.getByRole('button', { name: 'Delete highlight' }).click();
  await expect(items).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(status).toContainText('Undid delete highlight.');
  await expect(items).toHaveCount(1);
  await expect.poll(async () => (await paintedHighlights(page))['gloss-green']?.length ?? 0).toBe(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(status).toContainText('Redid delete highlight.');
  await expect(items).toHaveCount(0);
  // Ctrl+Y redoes too (Windows and Linux): undo once more, then redo with it.
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(1);
  await page.keyboard.press('Control+y');
  await expect(items).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: MOSCOW })).toBeVisible();
  await expect(items).toHaveCount(0);
});

test('the Trash view lists deleted documents, restores one into the library and empties', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [seed('003_dfd9ae4badcd4041.txt'), seed('004_8857d8e3aa01ed9b.txt')]);
  const table = page.getByRole('table', { name: 'Documents' });
  await expect(table.getByRole('row')).toHaveCount(3);

  // Empty at first.
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Trash' })).toBeVisible();
  await expect(page.getByText('The Trash is empty.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Empty Trash' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to library' }).click();

  // Delete one from the reader, with a highlight.
  await page.getByRole('button', { name: CELLS }).click();
  await dragSelect(page, page.getByRole('article').getByText('Through joint efforts'), 0, 20);
  await page.getByRole('toolbar', { name: 'Highlight selection' }).getByRole('button', { name: 'Highlight green' }).click();
  await expect(page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Delete document' }).click();
  await page.getByRole('alertdialog', { name: 'Delete this document?' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(table.getByRole('row')).toHaveCount(2);

  await page.getByRole('button', { name: 'Trash (1)' }).click();
  const trash = page.getByRole('table', { name: 'Documents in the Trash' });
  const row = trash.getByRole('row').filter({ hasText: CELLS });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(2)).toHaveText('1');
  await expect(row.locator('time')).toHaveAttribute('datetime', /^\d{4}-/);
  await row.getByRole('button', { name: `Restore “${CELLS}”` }).click();
  await expect(page.getByText('The Trash is empty.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to library' }).click();
  await expect(table.getByRole('button', { name: CELLS })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: CELLS }).getByRole('cell').nth(2)).toHaveText('1');

  // Both to the Trash (through the row menu), then Empty Trash: Cancel keeps them, confirming erases.
  for (const title of [CELLS, MOSCOW]) {
    await table.getByRole('row').filter({ hasText: title }).locator('time').click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Move to Trash' }).click();
    await expect(table.getByRole('button', { name: title })).toHaveCount(0);
  }
  await page.getByRole('button', { name: 'Trash (2)' }).click();
  await expect(trash.getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Empty Trash' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Empty the Trash?' });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(trash.getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Empty Trash' }).click();
  await confirm.getByRole('button', { name: 'Empty Trash' }).click();
  await expect(page.getByText('The Trash is empty.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('The Trash is empty.')).toBeVisible();
});

test('a click anywhere on a row opens it; the row menu renames, tags and moves to the Trash, and Undo brings it back', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await importThroughChooser(page, [seed('003_dfd9ae4badcd4041.txt'), seed('004_8857d8e3aa01ed9b.txt')]);
  const table = page.getByRole('table', { name: 'Documents' });
  const row = (title: string) => table.getByRole('row').filter({ has: page.getByRole('button', { name: title }) });
  await expect(table.getByRole('row')).toHaveCount(3);

  // A click on the row's date opens the document.
  await row(MOSCOW).locator('time').click();
  await expect(page.getByRole('heading', { level: 1, name: MOSCOW })).toBeVisible();
  await page.getByRole('button', { name: 'Back to library' }).click();

  // Right-click: Rename…
  await row(MOSCOW).getByRole('cell').nth(2).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: `Document “${MOSCOW}”` });
  await expect(menu.getByRole('menuitem')).toHaveText(['Open', 'Rename…', 'Tags…', 'Export to Markdown…', 'Move to Trash']);
  await expect(menu.getByRole('menuitem', { name: 'Open' })).toBeFocused();
  await menu.getByRole('menuitem', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename document' });
  await rename.getByRole('textbox', { name: 'Title' }).fill('Militant risks, a summary');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toHaveCount(0);
  await expect(table.getByRole('button', { name: 'Militant risks, a summary' })).toBeVisible();
  // The core's Undo, from the keys in the library: the old title is back.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status').getByText('Undid rename.')).toBeVisible();
  await expect(table.getByRole('button', { name: MOSCOW })).toBeVisible();

  // The keyboard's way: Shift+F10 on the focused title button; Tags…
  await table.getByRole('button', { name: MOSCOW }).focus();
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Tags…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const tags = page.getByRole('dialog', { name: `Tags of “${MOSCOW}”` });
  await tags.getByRole('textbox', { name: 'Add tags to the document' }).fill('security');
  await tags.getByRole('textbox', { name: 'Add tags to the document' }).press('Enter');
  await expect(tags.getByRole('button', { name: 'Remove tag security' })).toBeVisible();
  await tags.getByRole('button', { name: 'Done' }).click();
  await expect(row(MOSCOW)).toContainText('#security');
  // A click on a row's control is the control's: the title button opens, nothing else does twice.
  await expect(page.getByRole('heading', { level: 1, name: MOSCOW })).toHaveCount(0);

  // Move to Trash, then the status line's Undo brings it back.
  await row(MOSCOW).locator('time').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Move to Trash' }).click();
  await expect(page.getByRole('status').getByText(`Moved “${MOSCOW}” and its highlights to the Trash.`)).toBeVisible();
  await expect(table.getByRole('button', { name: MOSCOW })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Trash (1)' })).toBeVisible();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(table.getByRole('button', { name: MOSCOW })).toBeVisible();
  await expect(row(MOSCOW)).toContainText('#security');
  await expect(page.getByRole('button', { name: 'Trash', exact: true })).toBeVisible();
  await page.reload();
  await expect(table.getByRole('row')).toHaveCount(3);

  // Open from the menu.
  await row(CELLS).locator('time').click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { level: 1, name: CELLS })).toBeVisible();
});
