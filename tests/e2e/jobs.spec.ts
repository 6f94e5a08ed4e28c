// Long work is a core job: its progress, Cancel and result show in the page's one status line,
// whoever started it.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { articles, callApi, expect, importThroughChooser, test } from './fixtures';

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** A test that failed half-way must not leave the server blocked reading a pipe nobody writes to. */
function releasePipe(pipe: string): void {
  try {
    closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // no reader (ENXIO): nothing is waiting on it
  }
}

/** The first match of `pattern` in the status region's text, once it is there. */
test('a large import shows its progress and can be cancelled, keeping what was done; an export waiting its turn can be cancelled too', async ({
  page,
  gloss,
}) => {
  await page.goto(gloss.url);
  const status = page.getByRole('status');
  const rows = page.getByRole('table', { name: 'Documents' }).getByRole('row').getByRole('button');

  // 300 files go to the core as one job; its line says how far it got, in files and bytes, and which
  // file is in hand. The 151st is a named pipe, so the job is still at it when Cancel is pressed.
  const folder = await mkdtemp(path.join(tmpdir(), 'gloss-import-cancel-'));
  const slow = path.join(folder, 'article-150.txt');
  try {
    for (const file of articles(300)) if (file.name !== 'article-150.txt') await writeFile(path.join(folder, file.name), file.buffer);
    execFileSync('mkfifo', [slow]);
    await callApi(gloss, 'job:importPaths', { paths: articles(300).map((file) => path.join(folder, file.name)) });
    await expect(status).toContainText(/Importing… 150 of 300 files \([\d.]+ of [\d.]+ KB\)(, about \d+ (s|min) left)? — article-150\.txt/);
    await page.getByRole('button', { name: 'Cancel import' }).click();
    // The job stops without waiting for the slow file and says what it kept; the library holds exactly that.
    await expect(status).toContainText('Import cancelled after 150 of 300 files: 150 documents imported.');
  } finally {
    releasePipe(slow);
    await rm(folder, { recursive: true, force: true });
  }
  const kept = 150;
  await expect(page.getByRole('button', { name: 'Cancel import' })).toHaveCount(0);
  await expect(rows).toHaveCount(150);
  await expect(page.getByText(/^150 documents$/)).toBeVisible();
  await page.reload();
  await expect(page.getByText(/^150 documents$/)).toBeVisible();

  // Importing the same 300 again adds only the rest, and names the ones already there.
  await importThroughChooser(page, articles(300));
  await expect(status).toContainText(`${plural(300 - kept, 'document')} imported, ${kept} already in the library.`, { timeout: 60_000 });
  await expect(status).toContainText('article-000.txt is already in your library');
  // Problems stay until dismissed.
  await page.getByRole('button', { name: 'Dismiss import report' }).click();
  await expect(status).not.toContainText('already in your library');
  // A long list shows its first 200 rows and the rest as you scroll down.
  await expect(page.getByText('300 documents · showing the first 200')).toBeVisible();
  await expect(rows).toHaveCount(200);
  await page.getByRole('button', { name: 'Show 100 more' }).scrollIntoViewIfNeeded();
  await expect(rows).toHaveCount(300);
  await expect(page.getByText('300 documents', { exact: true })).toBeVisible();

  // Gloss runs one job at a time: an export started while another job runs waits its turn, and can be
  // cancelled before it starts. The job ahead of it imports from a named pipe, so it runs until the
  // test writes into the pipe.
  const outDir = await mkdtemp(path.join(tmpdir(), 'gloss-export-job-'));
  const pipeDir = await mkdtemp(path.join(tmpdir(), 'gloss-pipe-'));
  const pipe = path.join(pipeDir, 'late-note.txt');
  execFileSync('mkfifo', [pipe]);
  try {
    const markdownFiles = async () => (await readdir(outDir)).filter((f) => f.endsWith('.md'));
    const exportTo = async () => {
      await page.getByRole('button', { name: 'Export to Markdown' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export to Markdown' });
      await dialog.getByRole('textbox', { name: 'Export folder' }).fill(outDir);
      await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    };
    await callApi(gloss, 'job:importPaths', { paths: [pipe] });
    await expect(status).toContainText('Importing… 0 of 1 files — late-note.txt');
    await exportTo();
    await expect(status).toContainText('Export waiting for the job before it to finish…');
    await page.getByRole('button', { name: 'Cancel export' }).click();
    await expect(status).toContainText('Cancelled before it started.');
    await expect(page.getByRole('button', { name: 'Cancel import' })).toBeVisible();
    await writeFile(pipe, 'A note that came through a pipe\n\nIt arrived after the export was cancelled.\n');
    await expect(status).toContainText(`Export cancelled: 0 files written to ${outDir}.`);
    await expect(page.getByText('301 documents · showing the first 200')).toBeVisible();
    expect(await markdownFiles()).toEqual([]);

    await exportTo();
    await expect(status).toContainText(/Exporting… \d+ of 301 documents|Exported 301 documents/);
    await expect(status).toContainText(`Exported 301 documents to ${outDir}.`, { timeout: 60_000 });
    expect(await markdownFiles()).toHaveLength(301);
    expect((await readdir(outDir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  } finally {
    releasePipe(pipe);
    await rm(outDir, { recursive: true, force: true });
    await rm(pipeDir, { recursive: true, force: true });
  }
});

test('an import started outside the page (another program, the desktop menu) shows its progress and result there', async ({ page, gloss }) => {
  const folder = await mkdtemp(path.join(tmpdir(), 'gloss-import-folder-'));
  try {
    await mkdir(path.join(folder, 'more'));
    for (const [i, file] of articles(300, 'note').entries()) {
      await writeFile(path.join(folder, i % 2 ? 'more' : '', file.name), file.buffer);
    }
    await page.goto(gloss.url);
    await expect(page.getByRole('button', { name: 'Open the welcome guide' })).toBeVisible();

    // Nothing in the page started this job: what it shows arrives over the host's event stream.
    const started = (await callApi(gloss, 'job:importPaths', { paths: [folder] })) as { jobId: string };
    expect(started.jobId).toBeTruthy();
    const status = page.getByRole('status');
    await expect(status).toContainText(/Importing… \d+ of 300 files \([\d.]+ of [\d.]+ KB\)(, about \d+ (s|min) left)? — note-\d{3}\.txt/);
    await expect(page.getByRole('button', { name: 'Cancel import' })).toBeVisible();
    await expect(status).toContainText('300 documents imported.', { timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Cancel import' })).toHaveCount(0);
    // The library it landed in is shown without a reload, the last file imported first (the folder
    // "more" comes before the notes beside it, so that is note 298).
    await expect(page.getByText('300 documents · showing the first 200')).toBeVisible();
    const rows = page.getByRole('table', { name: 'Documents' }).getByRole('row').getByRole('button');
    await expect(rows.first()).toHaveAccessibleName('Field report number 298 from the coast');
    await expect(page.getByRole('button', { name: 'Field report number 299 from the coast', exact: true })).toBeVisible();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test.describe('a library written by a newer Gloss', () => {
  test.use({ glossFiles: { 'library.json': JSON.stringify({ schema: 999, documents: [] }) } });

  test('is read-only: import is off and says why, and a change is refused in words', async ({ page, gloss }) => {
    await page.goto(gloss.url);
    await expect(page.getByRole('alert')).toContainText('written by a newer Gloss');
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    await expect(importButton).toBeDisabled();
    await expect(importButton).toHaveAccessibleDescription(/^Import is off: This library was written by a newer Gloss/);
    // Adding the welcome guide writes to the library: the core refuses, and the page says why.
    await page.getByRole('button', { name: 'Open the welcome guide' }).click();
    const refusal = page.getByRole('alert').filter({ hasNotText: 'Gloss found problems' });
    await expect(refusal).toContainText('It is open read-only');
    await expect(refusal).not.toContainText('Something went wrong');
  });
});
