import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser, type Node as MdNode } from 'commonmark';
import { expect, importThroughChooser, seedsDir, test } from './fixtures';

const TITLE = 'Moscow says that risks from militant groups worldwide have not gone away';

/** The text of every block quote in a CommonMark document, as a reader would see it. */
function blockQuotes(markdown: string): string[] {
  const quotes: string[] = [];
  const walker = new Parser().parse(markdown).walker();
  let depth = 0;
  let current = '';
  for (let step = walker.next(); step; step = walker.next()) {
    const node: MdNode = step.node;
    if (node.type === 'block_quote') {
      if (step.entering) {
        if (depth === 0) current = '';
        depth++;
      } else if (--depth === 0) quotes.push(current.trim());
    } else if (depth > 0 && step.entering) {
      if (node.type === 'text' || node.type === 'code') current += node.literal ?? '';
      else if (node.type === 'softbreak' || node.type === 'linebreak') current += '\n';
      else if (node.type === 'paragraph' && current) current += '\n';
    }
  }
  return quotes;
}

test('export to Markdown writes the highlight and its note to a file you can read back', async ({ page, gloss }) => {
  const outDir = await mkdtemp(path.join(tmpdir(), 'gloss-export-'));
  try {
    await page.goto(gloss.url);
    await importThroughChooser(page, [path.join(seedsDir, '004_8857d8e3aa01ed9b.txt')]);
    await page.getByRole('button', { name: TITLE }).click();

    // Highlight a whole paragraph (it contains an apostrophe and quotes) and write a note.
    const paragraph = page.getByRole('article').getByText('The official went on to add that');
    const passage = ((await paragraph.textContent()) ?? '').trim();
    await paragraph.selectText();
    await page.getByRole('toolbar', { name: 'Highlight selection' }).getByRole('button', { name: 'Add note' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit highlight' });
    const note = 'Sahel as the **next** front: compare with the 2021 UN report.';
    await editor.getByLabel('Note', { exact: true }).fill(note);
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor.getByText('Saved', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Back to library' }).click();

    await page.getByRole('button', { name: 'Export to Markdown' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export to Markdown' });
    const folder = dialog.getByRole('textbox', { name: 'Export folder' });
    // Beside the data folder, not inside it: the core refuses to export into its own folder.
    await expect(folder).toHaveValue(path.join(path.dirname(gloss.dataDir), 'Gloss export'));
    // Exporting into the data folder itself is refused, in words.
    await folder.fill(path.join(gloss.dataDir, 'export'));
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText("Choose an export folder outside Gloss's data folder");
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();

    await page.getByRole('button', { name: 'Export to Markdown' }).click();
    await folder.fill(outDir);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(`Exported 1 document to ${outDir}`);

    const files = (await readdir(outDir)).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(1);
    const markdown = await readFile(path.join(outDir, files[0]!), 'utf8');
    const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
    expect(frontMatter).not.toBeNull();
    expect(frontMatter![1]).toMatch(new RegExp(`^title: ["']?${TITLE}["']?$`, 'm'));
    expect(blockQuotes(markdown)).toContain(passage);
    expect(markdown).toContain(note);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
