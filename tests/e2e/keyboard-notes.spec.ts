// Marking up with the keyboard and notes shown as Markdown (issue 7 §4): caret mode (F7) and keyboard
// selection, the shortcuts dialog, the highlight menu (right-click, Shift+F10), rendered and
// sanitized notes edited in place, and the document note.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { dragSelect, expect, importThroughChooser, paintedHighlights, seedsDir, test } from './fixtures';

const TITLE = 'Moscow says that risks from militant groups worldwide have not gone away';

async function openSeed(page: Page, url: string) {
  await page.goto(url);
  await importThroughChooser(page, [path.join(seedsDir, '004_8857d8e3aa01ed9b.txt')]);
  await page.getByRole('button', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
}

/** The middle of character k of an element's text, in viewport pixels. */
async function pointAt(el: Locator, k: number): Promise<{ x: number; y: number }> {
  return el.evaluate((node, at) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let acc = 0;
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      if (at < acc + t.length) {
        const r = document.createRange();
        r.setStart(t, at - acc);
        r.setEnd(t, at - acc + 1);
        const b = r.getClientRects()[0]!;
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
      acc += t.length;
    }
    throw new Error('past the text');
  }, k);
}

test('caret mode (F7): select by word with the keyboard, then a colour key highlights', async ({ page, gloss }) => {
  await openSeed(page, gloss.url);
  await expect(page.getByRole('article').getByText('Speaking to RIA Novosti')).toBeVisible();
  const status = page.getByRole('status').filter({ hasText: 'Caret mode' });
  await page.keyboard.press('F7');
  await expect(status).toContainText('Caret mode on');
  await expect(page.locator('.reader-caret')).toBeVisible();

  // Move in by two words, then extend the selection by three words.
  await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Control+ArrowRight');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
  const selected = (await page.evaluate(() => window.getSelection()?.toString() ?? '')).trim();
  expect(selected.split(/\s+/)).toHaveLength(3);
  await expect(page.getByRole('toolbar', { name: 'Highlight selection' })).toBeVisible();

  await page.keyboard.press('2');
  const items = page.getByRole('complementary', { name: 'Highlights' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect.poll(async () => (await paintedHighlights(page))['gloss-green']?.map((t) => t.trim())).toEqual([selected]);

  // A sentence at a time: ')' extends to the end of the sentence.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(')');
  const sentence = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  expect(sentence.length).toBeGreaterThan(10);

  await page.keyboard.press('F7');
  await expect(status).toContainText('Caret mode off');
  await expect(page.locator('.reader-caret')).toHaveCount(0);
});

test('"?" opens the keyboard shortcuts and Escape closes them; the reader has a button for them', async ({ page, gloss }) => {
  await openSeed(page, gloss.url);
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  for (const key of ['F7', 'Ctrl+F', 'Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+0', 'N', '1', '5'])
    await expect(dialog.getByText(key, { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const button = page.getByRole('navigation', { name: 'Reader' }).getByRole('button', { name: 'Keyboard shortcuts' });
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();

  // Typed into a field, "?" is just a character.
  await page.getByRole('button', { name: 'Add a note on this document' }).click();
  await page.keyboard.type('why?');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Document note' })).toHaveValue('why?');
});

test('right-click on a highlight: change its colour, copy it, delete it; focus lands in the list', async ({ page, gloss }) => {
  await openSeed(page, gloss.url);
  const article = page.getByRole('article');
  const panel = page.getByRole('complementary', { name: 'Highlights' });
  const items = panel.getByRole('listitem').getByRole('button');
  const first = article.getByText('Speaking to RIA Novosti');
  const second = article.getByText('The official went on to add');

  const toolbar = page.getByRole('toolbar', { name: 'Highlight selection' });
  const quoteA = await dragSelect(page, first, 0, 22);
  await expect(toolbar).toBeVisible();
  await page.keyboard.press('1');
  await expect(items).toHaveCount(1);
  await dragSelect(page, second, 0, 12);
  await expect(toolbar).toBeVisible();
  await page.keyboard.press('1');
  await expect(items).toHaveCount(2);

  // Right-click in the text of the first: its menu, the current colour unavailable.
  const menu = page.getByRole('menu', { name: 'Highlight' });
  const at = await pointAt(first, 5);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Yellow' })).toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('menuitem', { name: 'Edit note…' })).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Blue' }).click();
  await expect(menu).toBeHidden();
  await expect.poll(async () => (await paintedHighlights(page))['gloss-blue']).toEqual([quoteA]);

  // Copy: the quote as Markdown.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await menu.getByRole('menuitem', { name: 'Copy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`> ${quoteA}\n`);

  // From the panel with the keyboard (Shift+F10): delete the first; focus goes to the next one.
  await items.first().focus();
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Blue' })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toBeFocused();
  await expect(items.first()).toContainText('The official');

  // The last one, by right-click in the text: focus goes to the panel's heading.
  const at2 = await pointAt(second, 3);
  await page.mouse.click(at2.x, at2.y, { button: 'right' });
  await menu.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(items).toHaveCount(0);
  await expect(panel.getByRole('heading', { name: /^Highlights/ })).toBeFocused();
  expect(await paintedHighlights(page)).not.toHaveProperty('gloss-yellow');
});

test('notes are shown as Markdown, edited in place, and hostile HTML in them stays inert', async ({ page, gloss }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openSeed(page, gloss.url);
  const panel = page.getByRole('complementary', { name: 'Highlights' });
  const item = panel.getByRole('listitem').getByRole('button');
  await dragSelect(page, page.getByRole('article').getByText('Speaking to RIA Novosti'), 0, 22);
  await expect(page.getByRole('toolbar', { name: 'Highlight selection' })).toBeVisible();
  await page.keyboard.press('n');
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  const field = editor.getByLabel('Note', { exact: true });
  await expect(field).toBeFocused();
  await page.keyboard.type('Some **bold** words\n\n- one\n- two');
  await field.blur();

  const shown = editor.getByRole('group', { name: 'Note' });
  await expect(shown.locator('strong')).toHaveText('bold');
  await expect(shown.getByRole('listitem')).toHaveText(['one', 'two']);
  await expect(item.locator('strong')).toHaveText('bold');
  await expect(item).not.toContainText('**');

  // Enter on the rendered note edits it in place; Escape shows it again.
  await shown.focus();
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Some **bold** words\n\n- one\n- two');
  await field.fill('<img src=x onerror=alert(1)> [run](javascript:alert(2)) <script>alert(3)</script>');
  await page.keyboard.press('Escape');
  await expect(shown).toBeFocused();
  await expect(editor).toBeVisible();
  await expect(shown).toContainText('<img src=x onerror=alert(1)>');
  await expect(shown.locator('img, script')).toHaveCount(0);
  await expect(item.locator('img, script')).toHaveCount(0);
  await expect(shown.locator('a[href^="javascript"]')).toHaveCount(0);
  await shown.getByText('run').click();
  // A click on the note edits it (the inert link goes nowhere).
  await expect(field).toBeFocused();
  await page.reload();
  await expect(item).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('img[src="x"], script:text("alert")')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('the document note: added, rendered, saved while typing, undone and redone, and kept after a reload', async ({ page, gloss }) => {
  await openSeed(page, gloss.url);
  const panel = page.getByRole('complementary', { name: 'Highlights' });
  await expect(panel.getByRole('heading', { name: 'Document note' })).toBeVisible();
  await panel.getByRole('button', { name: 'Add a note on this document' }).click();
  const field = panel.getByRole('textbox', { name: 'Document note' });
  await expect(field).toBeFocused();
  await page.keyboard.type('Read *alongside* the TASS piece.');
  // Saved after a pause, without leaving the field.
  await expect(panel.getByText('Saved', { exact: true })).toBeVisible();
  await expect(field).toBeFocused();

  await page.reload();
  const shown = panel.getByRole('group', { name: 'Document note' });
  await expect(shown.locator('em')).toHaveText('alongside');
  await expect(panel.getByRole('button', { name: 'Add a note on this document' })).toHaveCount(0);

  // Edited in place and saved on blur.
  await shown.click();
  await expect(field).toHaveValue('Read *alongside* the TASS piece.');
  await field.fill('Now **checked**.');
  await field.blur();
  await expect(shown.locator('strong')).toHaveText('checked');
  await expect(panel.getByText('Saved', { exact: true })).toBeVisible();

  // Ctrl+Z takes the edit back (with any made just before it: edits close together are one step), and
  // the panel shows it; Ctrl+Shift+Z does it again.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  const documentNote = panel.getByRole('region', { name: 'Document note' });
  await expect(documentNote.getByText('checked')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(shown.locator('strong')).toHaveText('checked');
  await page.reload();
  await expect(panel.getByRole('group', { name: 'Document note' }).locator('strong')).toHaveText('checked');
});
