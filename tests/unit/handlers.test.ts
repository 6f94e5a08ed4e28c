// The handler table through `dispatch`, as every host calls it, on a real library in a temp folder.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import type { DocumentSummary, Highlight, ImportReport, JobResult } from '../../src-main/core/model';
import { createHandlers, dispatch, type Handlers, type HostServices } from '../../src-main/handlers';
import { CHANNELS, contract, MAX_NOTE_LENGTH, type Channel, type Output, type Result } from '../../src-main/ipc/contract';

const ARTICLE = 'Rivers of Reading\n\nThe river carries silt to the delta every spring.\n\nFarmers downstream depend on that silt.\n';

let dir: string;
let lib: Library;
let handlers: Handlers;

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function expectOk<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.value as T;
}

/** Start a job through the handlers and wait for its result, as a host does through job:finished. */
async function job(channel: 'job:importFiles' | 'job:importPaths' | 'job:export', input: unknown): Promise<JobResult> {
  const { jobId } = expectOk<{ jobId: string }>(await dispatch(handlers, channel, input));
  return (await lib.jobs.wait(jobId))!;
}

async function importFiles(files: { name: string; source?: string; dataBase64: string }[]): Promise<ImportReport> {
  const result = await job('job:importFiles', { files });
  expect(result.outcome).toBe('done');
  return result.importReport!;
}

async function importArticle(): Promise<string> {
  const report = await importFiles([{ name: 'rivers.txt', dataBase64: b64(ARTICLE) }]);
  expect(report.failed).toEqual([]);
  expect(report.imported).toHaveLength(1);
  return report.imported[0].id;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gloss-handlers-'));
  lib = await Library.open(dir, { holder: 'command line' });
  handlers = createHandlers(lib, { kind: 'web' });
});

afterEach(async () => {
  await lib.close();
  await rm(dir, { recursive: true, force: true });
});

describe('dispatch', () => {
  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it('cancels a running job, and says when there is none', async () => {
    expect(expectOk(await dispatch(handlers, 'job:cancel', {}))).toEqual({ cancelled: false });
    const files = Array.from({ length: 300 }, (_, i) => ({ name: `n${i}.txt`, dataBase64: b64(`Note ${i} on the tides.\n`) }));
    const { jobId } = expectOk<{ jobId: string }>(await dispatch(handlers, 'job:importFiles', { files }));
    expect(expectOk(await dispatch(handlers, 'job:cancel', { jobId }))).toEqual({ cancelled: true });
    const result = (await lib.jobs.wait(jobId))!;
    expect(result.outcome).toBe('cancelled');
    expect(result.importReport!.imported.length).toBeLessThan(300);
    expect(expectOk<DocumentSummary[]>(await dispatch(handlers, 'library:list', {}))).toHaveLength(result.importReport!.imported.length);
  });

  it("answers a finished job's result to a window that missed its event, and null for an unknown job", async () => {
    const { jobId } = expectOk<{ jobId: string }>(
      await dispatch(handlers, 'job:importFiles', { files: [{ name: 'rivers.txt', dataBase64: b64(ARTICLE) }] }),
    );
    const finished = (await lib.jobs.wait(jobId))!;
    expect(expectOk(await dispatch(handlers, 'job:result', { jobId }))).toEqual(finished);
    expect(finished).toMatchObject({ jobId, kind: 'import', outcome: 'done', message: '1 document imported.' });
    expect(expectOk(await dispatch(handlers, 'job:result', { jobId: 'no-such-job' }))).toBeNull();
  });

  it('imports by path as a job and reports a missing path as a failed file', async () => {
    const src = join(dir, '..', `${basename(dir)}-src`);
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'rivers.txt'), ARTICLE);
    try {
      const result = await job('job:importPaths', { paths: [src, join(src, 'missing.txt')] });
      expect(result.importReport!.imported.map((d) => d.title)).toEqual(['Rivers of Reading']);
      expect(result.importReport!.failed).toEqual([{ source: join(src, 'missing.txt'), message: expect.stringMatching(/does not exist/) }]);
      expect(result.message).toBe('1 document imported, 1 failed.');
    } finally {
      await rm(src, { recursive: true, force: true });
    }
  });

  it('refuses a relative path to import (it would be read from wherever the host was started)', async () => {
    for (const path of ['notes.txt', '../x', '\u0000'])
      expect(await dispatch(handlers, 'job:importPaths', { paths: ['/tmp', path] })).toMatchObject({
        ok: false,
        code: 'invalid_input',
        message: expect.stringMatching(/^Choose files and folders to import by their full paths, not a relative one/),
      });
  });

  it('refuses an unknown channel without throwing', async () => {
    const result = await dispatch(handlers, 'library:dropEverything', {});
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    // prototype keys are not channels either
    expect(await dispatch(handlers, 'constructor', {})).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('answers invalid input with the field and the reason', async () => {
    const result = await dispatch(handlers, 'document:rename', { id: 'not an id!', title: '   ' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid_input');
    expect(result.message).toContain('id: Not a Gloss id');
    expect(result.message).toContain('title: A title cannot be empty');

    const extra = await dispatch(handlers, 'tags:list', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await dispatch(handlers, 'library:list', null)).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('imports base64 files and lists them', async () => {
    const id = await importArticle();
    const docs = expectOk<DocumentSummary[]>(await dispatch(handlers, 'library:list', {}));
    expect(docs.map((d) => d.id)).toEqual([id]);
    // no explicit source: the file name is recorded
    expect(docs[0].source).toBe('rivers.txt');

    const again = await importFiles([{ name: 'copy.txt', source: '/home/reader/copy.txt', dataBase64: b64(ARTICLE) }]);
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toEqual([{ source: '/home/reader/copy.txt', existing: expect.objectContaining({ id }) }]);

    const content = expectOk<{ text: string }>(await dispatch(handlers, 'document:get', { id }));
    expect(content.text).toContain('The river carries silt to the delta every spring.');
  });

  it('refuses data that is not base64 instead of importing garbage', async () => {
    const result = await dispatch(handlers, 'job:importFiles', { files: [{ name: 'bad.txt', dataBase64: 'not*base64!' }] });
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(expectOk<DocumentSummary[]>(await dispatch(handlers, 'library:list', {}))).toEqual([]);
  });

  it('creates, updates and deletes a highlight', async () => {
    const documentId = await importArticle();
    const { text } = expectOk<{ text: string }>(await dispatch(handlers, 'document:get', { id: documentId }));
    const start = text.indexOf('carries silt');
    const end = start + 'carries silt'.length;

    const created = expectOk<Highlight>(
      await dispatch(handlers, 'highlight:create', { documentId, start, end, color: 'green', note: 'Why *silt*?' }),
    );
    expect(created.quote.exact).toBe('carries silt');
    expect(created.color).toBe('green');

    const updated = expectOk<Highlight>(
      await dispatch(handlers, 'highlight:update', { documentId, id: created.id, color: 'pink', tags: ['geography'] }),
    );
    expect(updated).toMatchObject({ id: created.id, color: 'pink', note: 'Why *silt*?', tags: ['geography'] });

    const listed = expectOk<Highlight[]>(await dispatch(handlers, 'highlight:list', { documentId }));
    expect(listed.map((h) => [h.id, h.color])).toEqual([[created.id, 'pink']]);

    expect(await dispatch(handlers, 'highlight:delete', { documentId, id: created.id })).toEqual({ ok: true, value: {} });
    expect(expectOk<Highlight[]>(await dispatch(handlers, 'highlight:list', { documentId }))).toEqual([]);
    expect(await dispatch(handlers, 'highlight:delete', { documentId, id: created.id })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('says not_found for a document that does not exist', async () => {
    const result = await dispatch(handlers, 'document:get', { id: 'missing-document-1' });
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
  });

  it('reports the host and the data folder', async () => {
    const status = expectOk<{ dataDir: string; host: string; canPickFolder: boolean; warnings: string[] }>(
      await dispatch(handlers, 'app:status', {}),
    );
    expect(status).toMatchObject({ dataDir: lib.dataDir, host: 'web', canPickFolder: false, warnings: [], readOnly: null });
  });

  it('says unsupported for host services the web host does not have', async () => {
    expect(await dispatch(handlers, 'dialog:pickFolder', {})).toMatchObject({ ok: false, code: 'unsupported' });
    expect(await dispatch(handlers, 'app:openExternal', { url: 'https://example.org/' })).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('opens only web and mail links through a host that can', async () => {
    const opened: string[] = [];
    const host: HostServices = { kind: 'desktop', openExternal: async (url) => void opened.push(url), pickFolder: async () => dir };
    const desktop = createHandlers(lib, host);
    expect(await dispatch(desktop, 'app:openExternal', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await dispatch(desktop, 'app:openExternal', { url: 'javascript:alert(1)' })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await dispatch(desktop, 'app:openExternal', { url: 'mailto:reader@example.org' })).toEqual({ ok: true, value: {} });
    expect(opened).toEqual(['mailto:reader@example.org']);
    expect(await dispatch(desktop, 'dialog:pickFolder', { title: 'Export' })).toEqual({ ok: true, value: { path: dir } });
    expect(expectOk<{ canPickFolder: boolean }>(await dispatch(desktop, 'app:status', {})).canPickFolder).toBe(true);
  });

  it('turns an unexpected error into an internal Result', async () => {
    const broken = createHandlers(lib, {
      kind: 'desktop',
      pickFolder: async () => {
        throw new TypeError('dialog exploded');
      },
    });
    const original = console.error;
    console.error = () => {};
    try {
      expect(await dispatch(broken, 'dialog:pickFolder', {})).toMatchObject({
        ok: false,
        code: 'internal',
        message: expect.stringContaining('dialog exploded'),
      });
    } finally {
      console.error = original;
    }
  });

  it('exports Markdown into the folder asked for', async () => {
    const documentId = await importArticle();
    const { text } = expectOk<{ text: string }>(await dispatch(handlers, 'document:get', { id: documentId }));
    const start = text.indexOf('Farmers');
    expectOk(await dispatch(handlers, 'highlight:create', { documentId, start, end: start + 'Farmers'.length, color: 'yellow' }));
    const inside = await job('job:export', { format: 'markdown', outDir: join(dir, 'export') });
    expect(inside).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/outside Gloss's data folder/) });
    const outDir = `${dir}-export`;
    const result = await job('job:export', { format: 'markdown', outDir });
    expect(result.message).toBe(`Exported 1 document to ${outDir}.`);
    const report = result.exportReport!;
    expect(report.files).toHaveLength(1);
    expect(await readFile(resolve(report.dir, report.files[0].path), 'utf8')).toContain('Farmers');
    await rm(outDir, { recursive: true, force: true });
  });
});

/** Dispatch as a host does, and check the answer against the channel's output schema. */
async function call<C extends Channel>(channel: C, input: unknown): Promise<Output<C>> {
  const value = expectOk<unknown>(await dispatch(handlers, channel, input));
  return contract[channel].output.parse(value) as Output<C>;
}

describe('the Trash, document notes and undo/redo through dispatch', () => {
  it('deletes to the Trash, lists, restores and empties it, each answer as the contract says', async () => {
    const id = await importArticle();
    expect(await call('trash:list', {})).toEqual([]);
    expect(await call('document:delete', { id })).toEqual({});
    expect(await call('library:list', {})).toEqual([]);
    const [trashed] = await call('trash:list', {});
    expect(trashed).toMatchObject({ id, title: 'Rivers of Reading', trashedAt: expect.any(String) });
    expect(await dispatch(handlers, 'document:get', { id })).toMatchObject({ ok: false, code: 'not_found' });
    const restored = await call('trash:restore', { id });
    expect(restored).toMatchObject({ id, title: 'Rivers of Reading' });
    expect(restored.trashedAt).toBeUndefined();
    expect(await dispatch(handlers, 'trash:restore', { id })).toMatchObject({ ok: false, code: 'not_found' });
    await call('document:delete', { id });
    expect(await call('trash:empty', { ids: [id] })).toEqual({ erased: 1 });
    expect(await call('trash:empty', {})).toEqual({ erased: 0 });
    expect(await call('trash:list', {})).toEqual([]);
  });

  it('sets and reads a document note, shown in the document and its summary', async () => {
    const id = await importArticle();
    expect(await call('document:getNote', { id })).toEqual({ note: '' });
    expect(await call('document:setNote', { id, note: 'Silt *matters*.' })).toMatchObject({ id, hasNote: true });
    expect(await call('document:getNote', { id })).toEqual({ note: 'Silt *matters*.' });
    expect((await call('document:get', { id })).note).toBe('Silt *matters*.');
    expect((await call('library:list', {}))[0]!.hasNote).toBe(true);
    expect(await dispatch(handlers, 'document:getNote', { id: 'missing-document-1' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('undoes and redoes, answering what it did and the state, and answers "nothing done" when there is nothing', async () => {
    expect(await call('history:state', {})).toEqual({ canUndo: false, canRedo: false });
    expect(await call('history:undo', {})).toEqual({ done: false, state: { canUndo: false, canRedo: false } });
    const documentId = await importArticle();
    const created = await call('highlight:create', { documentId, start: 4, end: 10, color: 'yellow' });
    await call('highlight:update', { documentId, id: created.id, color: 'blue' });
    expect(await call('history:state', {})).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo highlight colour' });
    expect(await call('history:undo', {})).toEqual({
      done: true,
      label: 'Undo highlight colour',
      kind: 'highlight:color',
      documentId,
      highlightId: created.id,
      state: { canUndo: true, canRedo: true, undoLabel: 'Undo new highlight', redoLabel: 'Redo highlight colour' },
    });
    await call('history:undo', {});
    expect(await call('highlight:list', { documentId })).toEqual([]);
    await call('history:redo', {});
    expect(await call('highlight:list', { documentId })).toEqual([created]);
    // steps whose document has been erased fail with a message, not a crash, and leave the history
    await call('document:delete', { id: documentId });
    await call('trash:empty', {});
    expect(await dispatch(handlers, 'history:undo', {})).toMatchObject({
      ok: false,
      code: 'not_found',
      message: expect.stringMatching(/^Could not undo delete document: .*the Trash was emptied/),
    });
    const gone = await dispatch(handlers, 'history:undo', {});
    expect(gone).toMatchObject({ ok: false, code: 'not_found', message: expect.stringMatching(/^Could not undo new highlight: /) });
    expect(await call('history:state', {})).toEqual({ canUndo: false, canRedo: false });
  });

  it('validates every new channel’s input strictly', async () => {
    const id = await importArticle();
    const refused: [Channel, unknown][] = [
      ['history:undo', { steps: 2 }],
      ['history:redo', null],
      ['history:state', { x: 1 }],
      ['trash:list', { all: true }],
      ['trash:restore', {}],
      ['trash:restore', { id: 'not an id!' }],
      ['trash:empty', { ids: [] }],
      ['trash:empty', { ids: ['../../etc'] }],
      ['trash:empty', { everything: true }],
      ['document:getNote', { id, extra: 1 }],
      ['document:setNote', { id }],
      ['document:setNote', { id, note: 42 }],
      ['document:setNote', { id, note: 'x'.repeat(MAX_NOTE_LENGTH + 1) }],
      ['document:setNote', { id, note: 'ok', tags: [] }],
    ];
    for (const [channel, input] of refused) {
      expect(await dispatch(handlers, channel, input), `${channel} ${JSON.stringify(input)?.slice(0, 60)}`).toMatchObject({
        ok: false,
        code: 'invalid_input',
      });
    }
    // nothing was changed by any of them
    expect(await call('document:getNote', { id })).toEqual({ note: '' });
    expect(await call('history:state', {})).toEqual({ canUndo: false, canRedo: false });
    expect(await call('document:setNote', { id, note: 'x'.repeat(MAX_NOTE_LENGTH) })).toMatchObject({ hasNote: true });
  });
});
