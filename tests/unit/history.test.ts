// Undo and redo of every kind of command, on a real library in a temp folder: what comes back is what
// was there (same ids, same fields), what is written is what the user sees after reopening, and a
// step whose target is gone fails clearly without touching anything.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { Library } from '../../src-main/core/library';
import type { Highlight } from '../../src-main/core/model';
import { CommandHistory, HISTORY_LIMIT, MERGE_WITHIN_MS, type Command } from '../../src-main/core/services/history';
import { tempDir } from './helpers/temp';

const encode = (text: string) => new TextEncoder().encode(text);

const HARBOUR = 'Harbour notes\n\nThe tide came in faster than the charts said. The trawlers stayed in port.\n';
const ORCHARD = 'Orchards of Kent\n\nThe apple harvest was early this year, and the cider presses ran all night.\n';

async function library(dir?: string) {
  const data = dir ?? (await tempDir());
  const lib = await Library.open(data, { holder: 'command line' });
  const report = await lib.documents.importBytes([
    { name: 'harbour.txt', source: '/harbour.txt', bytes: encode(HARBOUR) },
    { name: 'orchard.txt', source: '/orchard.txt', bytes: encode(ORCHARD) },
  ]);
  expect(report.imported).toHaveLength(2);
  const [harbour, orchard] = report.imported.map((r) => r.id) as [string, string];
  return { dir: data, lib, harbour, orchard };
}

/** A highlight on the word `word` of the document. */
async function highlightOn(lib: Library, documentId: string, word: string, extra: Partial<Pick<Highlight, 'note' | 'tags'>> = {}) {
  const { text } = await lib.documents.get(documentId);
  const start = text.indexOf(word);
  expect(start).toBeGreaterThanOrEqual(0);
  return lib.highlights.create({ documentId, start, end: start + word.length, color: 'yellow', ...extra });
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

describe('undo and redo', () => {
  it('answers "nothing done", not an error, when there is nothing to undo or redo', async () => {
    const { lib } = await library();
    const empty = { done: false, state: { canUndo: false, canRedo: false } };
    expect(await lib.history.undo()).toEqual(empty);
    expect(await lib.history.redo()).toEqual(empty);
    expect(lib.history.state()).toEqual({ canUndo: false, canRedo: false });
    await lib.close();
  });

  it('tells its listeners what Undo and Redo would do after every change to them (the labels of an Edit menu)', async () => {
    const { lib, harbour } = await library();
    const seen: unknown[] = [];
    const stop = lib.history.on((state) => seen.push(state));
    const h = await highlightOn(lib, harbour, 'tide');
    await lib.highlights.update({ documentId: harbour, id: h.id, color: 'blue' });
    await lib.history.undo();
    await lib.history.redo();
    stop();
    await lib.history.undo();
    expect(seen).toEqual([
      { canUndo: true, canRedo: false, undoLabel: 'Undo new highlight' },
      { canUndo: true, canRedo: false, undoLabel: 'Undo highlight colour' },
      { canUndo: true, canRedo: true, undoLabel: 'Undo new highlight', redoLabel: 'Redo highlight colour' },
      { canUndo: true, canRedo: false, undoLabel: 'Undo highlight colour' },
    ]);
    await lib.close();
  });

  it('undoes a new highlight and redoes it with the same id, as it was, on disk too', async () => {
    const { dir, lib, harbour } = await library();
    const h = await highlightOn(lib, harbour, 'tide', { note: 'Check the *chart*', tags: ['sea'] });
    expect(lib.history.state()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo new highlight' });

    const undone = await lib.history.undo();
    expect(undone).toEqual({
      done: true,
      label: 'Undo new highlight',
      kind: 'highlight:create',
      documentId: harbour,
      highlightId: h.id,
      state: { canUndo: false, canRedo: true, redoLabel: 'Redo new highlight' },
    });
    expect(await lib.highlights.list(harbour)).toEqual([]);
    expect((await readJson(join(dir, 'annotations', `${harbour}.json`))).highlights).toEqual([]);

    const redone = await lib.history.redo();
    expect(redone).toMatchObject({ done: true, label: 'Redo new highlight', highlightId: h.id, state: { canUndo: true, canRedo: false } });
    expect(await lib.highlights.list(harbour)).toEqual([h]);
    await lib.close();
    const again = await Library.open(dir, { holder: 'command line' });
    expect(await again.highlights.list(harbour)).toEqual([h]);
    await again.close();
  });

  it('undoes and redoes a highlight’s colour, note and tags, each as its own kind of step', async () => {
    const { lib, harbour } = await library();
    const h = await highlightOn(lib, harbour, 'trawlers', { note: 'first', tags: ['boats'] });
    await lib.highlights.update({ documentId: harbour, id: h.id, color: 'pink' });
    await lib.highlights.update({ documentId: harbour, id: h.id, tags: ['boats', 'Port'] });
    await lib.highlights.update({ documentId: harbour, id: h.id, note: 'second' });
    await lib.highlights.update({ documentId: harbour, id: h.id, color: 'blue', note: 'third' });
    // a change that changes nothing is no step
    await lib.highlights.update({ documentId: harbour, id: h.id, color: 'blue' });
    const current = async () => {
      const [now] = await lib.highlights.list(harbour);
      return { color: now!.color, note: now!.note, tags: now!.tags, id: now!.id, position: now!.position };
    };
    const states = [
      { color: 'blue', note: 'third', tags: ['boats', 'Port'] },
      { color: 'pink', note: 'second', tags: ['boats', 'Port'] },
      { color: 'pink', note: 'first', tags: ['boats', 'Port'] },
      { color: 'pink', note: 'first', tags: ['boats'] },
      { color: 'yellow', note: 'first', tags: ['boats'] },
    ];
    const labels = ['Undo highlight change', 'Undo highlight note', 'Undo highlight tags', 'Undo highlight colour'];
    expect(await current()).toEqual({ ...states[0], id: h.id, position: h.position });
    for (let i = 0; i < labels.length; i++) {
      expect(lib.history.state().undoLabel).toBe(labels[i]);
      const step = await lib.history.undo();
      expect(step).toMatchObject({ done: true, label: labels[i], documentId: harbour, highlightId: h.id });
      expect(await current()).toEqual({ ...states[i + 1], id: h.id, position: h.position });
    }
    // the undo before those is the highlight's creation
    expect(lib.history.state()).toMatchObject({ undoLabel: 'Undo new highlight', redoLabel: 'Redo highlight colour' });
    for (let i = labels.length - 1; i >= 0; i--) {
      expect((await lib.history.redo()).label).toBe(labels[i]!.replace('Undo', 'Redo'));
      expect(await current()).toEqual({ ...states[i], id: h.id, position: h.position });
    }
    expect(lib.history.state().canRedo).toBe(false);
    await lib.close();
  });

  it('brings a deleted highlight back with its id, note, tags, colour and position, and redo deletes it again', async () => {
    const { dir, lib, harbour } = await library();
    const keep = await highlightOn(lib, harbour, 'tide');
    const h = await highlightOn(lib, harbour, 'charts', { note: 'A **Markdown** note', tags: ['maps', 'Sea'] });
    const changed = await lib.highlights.update({ documentId: harbour, id: h.id, color: 'purple' });
    await lib.highlights.delete(harbour, h.id);
    expect(await lib.highlights.list(harbour)).toEqual([keep]);
    expect(lib.history.state().undoLabel).toBe('Undo delete highlight');

    expect(await lib.history.undo()).toMatchObject({ done: true, kind: 'highlight:delete', highlightId: h.id });
    expect(await lib.highlights.list(harbour)).toEqual([keep, changed]);
    expect((await lib.documents.list()).find((d) => d.id === harbour)!.highlights).toBe(2);
    await lib.history.redo();
    expect(await lib.highlights.list(harbour)).toEqual([keep]);
    await lib.history.undo();
    await lib.close();
    const again = await Library.open(dir, { holder: 'command line' });
    expect(await again.highlights.list(harbour)).toEqual([keep, changed]);
    await again.close();
  });

  it('undoes and redoes document tags and renames, and search and the tag list follow', async () => {
    const { lib, harbour } = await library();
    await lib.documents.setTags(harbour, ['Coast', 'work']);
    await lib.documents.rename(harbour, 'Tide tables');
    // the same title again, or the same tags, are no step
    await lib.documents.rename(harbour, '  Tide   tables ');
    await lib.documents.setTags(harbour, ['Coast', 'work']);
    const summary = async () => (await lib.documents.list()).find((d) => d.id === harbour)!;
    expect(await summary()).toMatchObject({ title: 'Tide tables', tags: ['Coast', 'work'] });

    expect(await lib.history.undo()).toMatchObject({ done: true, label: 'Undo rename', kind: 'document:rename', documentId: harbour });
    expect((await summary()).title).toBe('Harbour notes');
    expect((await lib.documents.list({ query: 'harbour' })).map((d) => d.id)).toEqual([harbour]);
    expect(await lib.history.undo()).toMatchObject({ label: 'Undo document tags', kind: 'document:tags' });
    expect((await summary()).tags).toEqual([]);
    expect(await lib.tags.list()).toEqual([]);
    expect(lib.history.state()).toEqual({ canUndo: false, canRedo: true, redoLabel: 'Redo document tags' });

    await lib.history.redo();
    expect((await lib.tags.list()).map((t) => t.name)).toEqual(['Coast', 'work']);
    await lib.history.redo();
    expect(await summary()).toMatchObject({ title: 'Tide tables', tags: ['Coast', 'work'] });
    expect((await lib.documents.list({ query: 'tables' })).map((d) => d.id)).toEqual([harbour]);
    await lib.close();
  });

  it('undoes a document’s deletion (back from the Trash, as it was) and redoes it', async () => {
    const { lib, harbour, orchard } = await library();
    const h = await highlightOn(lib, harbour, 'tide', { note: 'kept' });
    await lib.documents.setNote(harbour, 'My note');
    const before = (await lib.documents.list()).find((d) => d.id === harbour)!;
    await lib.documents.delete(harbour);
    expect((await lib.documents.list()).map((d) => d.id)).toEqual([orchard]);
    expect(lib.history.state().undoLabel).toBe('Undo delete document');

    expect(await lib.history.undo()).toMatchObject({ done: true, label: 'Undo delete document', kind: 'document:delete', documentId: harbour });
    expect((await lib.documents.list()).find((d) => d.id === harbour)).toEqual(before);
    expect(await lib.highlights.list(harbour)).toEqual([h]);
    expect((await lib.documents.get(harbour)).note).toBe('My note');
    expect(await lib.trash.list()).toEqual([]);

    expect(await lib.history.redo()).toMatchObject({ done: true, label: 'Redo delete document' });
    expect((await lib.trash.list()).map((d) => d.id)).toEqual([harbour]);
    expect((await lib.documents.list()).map((d) => d.id)).toEqual([orchard]);
    await lib.close();
  });

  it('places a highlight it brings back in the text as it is now, when the text changed since (another encoding)', async () => {
    const dir = await tempDir();
    const lib = await Library.open(dir, { holder: 'command line' });
    // UTF-8 bytes: read as windows-1252 every "é" becomes two characters, so everything after moves
    const report = await lib.documents.importBytes([
      { name: 'cafe.txt', source: '/cafe.txt', bytes: encode('Café notes\n\nAt the café by the quay the tide came in at noon.\n') },
    ]);
    const id = report.imported[0]!.id;
    const h = await highlightOn(lib, id, 'tide', { note: 'kept' });
    await lib.highlights.delete(id, h.id);
    const reopened = await lib.documents.reopen(id, 'windows-1252');
    expect(reopened.text.indexOf('tide')).toBe(h.position.start + 2);
    await lib.history.undo();
    const [back] = await lib.highlights.list(id);
    expect(back).toEqual({ ...h, position: { start: h.position.start + 2, end: h.position.end + 2 } });
    expect(reopened.text.slice(back!.position.start, back!.position.end)).toBe('tide');
    await lib.close();
  });

  it('undoes a restore from the Trash (back into the Trash)', async () => {
    const { lib, harbour } = await library();
    await lib.documents.delete(harbour);
    await lib.trash.restore(harbour);
    expect(lib.history.state().undoLabel).toBe('Undo restore document');
    await lib.history.undo();
    expect((await lib.trash.list()).map((d) => d.id)).toEqual([harbour]);
    await lib.history.redo();
    expect(await lib.trash.list()).toEqual([]);
    await lib.close();
  });

  it('drops what could be redone when a new change is made after an undo', async () => {
    const { lib, harbour } = await library();
    const a = await highlightOn(lib, harbour, 'tide');
    await lib.highlights.update({ documentId: harbour, id: a.id, color: 'green' });
    await lib.history.undo();
    expect(lib.history.state().canRedo).toBe(true);
    await lib.highlights.update({ documentId: harbour, id: a.id, color: 'blue' });
    expect(lib.history.state()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo highlight colour' });
    expect(await lib.history.redo()).toMatchObject({ done: false });
    expect((await lib.highlights.list(harbour))[0]!.color).toBe('blue');
    await lib.history.undo();
    expect((await lib.highlights.list(harbour))[0]!.color).toBe('yellow');
    await lib.close();
  });

  it('runs undos asked for at once one after another, newest first', async () => {
    const { lib, harbour, orchard } = await library();
    const a = await highlightOn(lib, harbour, 'tide');
    await lib.documents.rename(orchard, 'Cider country');
    await lib.highlights.update({ documentId: harbour, id: a.id, note: 'n' });
    const steps = await Promise.all([lib.history.undo(), lib.history.undo(), lib.history.undo(), lib.history.undo()]);
    expect(steps.map((s) => s.label ?? 'nothing')).toEqual(['Undo highlight note', 'Undo rename', 'Undo new highlight', 'nothing']);
    expect(await lib.highlights.list(harbour)).toEqual([]);
    expect((await lib.documents.list()).find((d) => d.id === orchard)!.title).toBe('Orchards of Kent');
    await lib.close();
  });

  it('fails clearly and changes nothing when the target is gone (its document erased from the Trash), then goes on', async () => {
    const { dir, lib, harbour, orchard } = await library();
    const h = await highlightOn(lib, harbour, 'tide');
    await lib.documents.rename(orchard, 'Cider country');
    await lib.highlights.update({ documentId: harbour, id: h.id, color: 'green' });
    await lib.documents.delete(harbour);
    await lib.trash.empty();
    const files = async () => ({ annotations: await readdir(join(dir, 'annotations')), library: await readFile(join(dir, 'library.json'), 'utf8') });
    const before = await files();

    await expect(lib.history.undo()).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/^Could not undo delete document: .*Trash was emptied.*no longer in the history/),
    });
    expect(await files()).toEqual(before);
    // the next step back is about the same document: also gone, also dropped
    expect(lib.history.state().undoLabel).toBe('Undo highlight colour');
    await expect(lib.history.undo()).rejects.toThrow(/Could not undo highlight colour: That document is not in the library/);
    expect(await files()).toEqual(before);
    expect(await readdir(join(dir, 'annotations'))).not.toContain(`${harbour}.json`);
    // and then the rename, whose document is still there, is undone as usual
    expect(await lib.history.undo()).toMatchObject({ done: true, label: 'Undo rename' });
    expect((await lib.documents.list()).map((d) => d.title)).toEqual(['Orchards of Kent']);
    await expect(lib.history.undo()).rejects.toThrow(/Could not undo new highlight/);
    expect(lib.history.state()).toEqual({ canUndo: false, canRedo: true, redoLabel: 'Redo rename' });
    await lib.close();
  });

  it('belongs to the running process: a library opened again starts with nothing to undo', async () => {
    const { dir, lib, harbour } = await library();
    await highlightOn(lib, harbour, 'tide');
    expect(lib.history.state().canUndo).toBe(true);
    await lib.close();
    const again = await Library.open(dir, { holder: 'command line' });
    expect(again.history.state()).toEqual({ canUndo: false, canRedo: false });
    expect(await again.history.undo()).toMatchObject({ done: false });
    expect(await again.highlights.list(harbour)).toHaveLength(1);
    await again.close();
  });

  it('keeps the last HISTORY_LIMIT changes of a library', async () => {
    const { lib, harbour } = await library();
    const h = await highlightOn(lib, harbour, 'tide');
    const colors = ['green', 'blue', 'pink', 'purple', 'yellow'] as const;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await lib.highlights.update({ documentId: harbour, id: h.id, color: colors[i % colors.length] });
    let undone = 0;
    while ((await lib.history.undo()).done) undone++;
    expect(undone).toBe(HISTORY_LIMIT);
    // the oldest steps (the creation among them) were let go: the highlight is still there
    expect(await lib.highlights.list(harbour)).toHaveLength(1);
    await lib.close();
  });
});

/** Commands that only log what they do: the history's own rules, apart from any library. */
function logged(log: string[], name: string, documentId = 'doc-000001', kind: Command['kind'] = 'highlight:color', fail?: () => Error): Command {
  return {
    kind,
    documentId,
    undo: async () => {
      if (fail) throw fail();
      log.push(`undo ${name}`);
    },
    redo: async () => {
      log.push(`redo ${name}`);
    },
  };
}

describe('CommandHistory', () => {
  it('lets the oldest step go past its limit', async () => {
    const log: string[] = [];
    const history = new CommandHistory(3);
    for (const name of ['a', 'b', 'c', 'd']) history.record(logged(log, name));
    while ((await history.undo()).done);
    expect(log).toEqual(['undo d', 'undo c', 'undo b']);
  });

  it('keeps a step that failed for another reason than its target being gone, to be tried again', async () => {
    const log: string[] = [];
    let broken = true;
    const history = new CommandHistory();
    history.record(logged(log, 'a'));
    history.record({
      ...logged(log, 'b'),
      undo: async () => {
        if (broken) throw new GlossError('io', 'Could not save the change: disk full');
        log.push('undo b');
      },
    });
    await expect(history.undo()).rejects.toMatchObject({
      code: 'io',
      message: 'Could not undo highlight colour: Could not save the change: disk full',
    });
    expect(history.state()).toMatchObject({ canUndo: true, canRedo: false });
    broken = false;
    await history.undo();
    expect(log).toEqual(['undo b']);
  });

  it('makes edits of the same note in quick succession one step, and others separate steps', async () => {
    let now = 1_000_000;
    const log: string[] = [];
    const history = new CommandHistory(200, () => now);
    const note = (name: string, highlightId?: string, documentId = 'doc-000001') => ({
      ...logged(log, name, documentId, highlightId ? 'highlight:note' : 'document:note'),
      ...(highlightId ? { highlightId } : {}),
    });
    history.record(note('n1', 'hl-0000001'));
    now += MERGE_WITHIN_MS - 1;
    history.record(note('n2', 'hl-0000001'));
    now += MERGE_WITHIN_MS;
    history.record(note('n3', 'hl-0000001'));
    now += MERGE_WITHIN_MS + 1;
    history.record(note('n4', 'hl-0000001'));
    history.record(note('n5', 'hl-0000002'));
    history.record(note('d1'));
    history.record(note('d2', undefined, 'doc-000002'));
    const labels: string[] = [];
    for (let step = await history.undo(); step.done; step = await history.undo()) labels.push(step.label!);
    // n1-n3 are one step undone by n1's undo (the note as it was before them), redone by n3's redo
    expect(log).toEqual(['undo d2', 'undo d1', 'undo n5', 'undo n4', 'undo n1']);
    expect(labels).toEqual(['Undo document note', 'Undo document note', 'Undo highlight note', 'Undo highlight note', 'Undo highlight note']);
    while ((await history.redo()).done);
    expect(log.slice(5)).toEqual(['redo n3', 'redo n4', 'redo n5', 'redo d1', 'redo d2']);
  });

  it('does not merge a note edit into a step that was redone', async () => {
    const now = 5_000;
    const log: string[] = [];
    const history = new CommandHistory(200, () => now);
    const note = (name: string) => ({ ...logged(log, name, 'doc-000001', 'highlight:note'), highlightId: 'hl-0000001' });
    history.record(note('n1'));
    await history.undo();
    await history.redo();
    history.record(note('n2'));
    await history.undo();
    await history.undo();
    expect(log).toEqual(['undo n1', 'redo n1', 'undo n2', 'undo n1']);
  });
});
